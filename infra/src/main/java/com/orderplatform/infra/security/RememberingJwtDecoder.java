package com.orderplatform.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the bearer tokens it has verified, each until it expires, so that a client's next request with the same
 * token is not parsed, checked against its signature and validated again (a tenth of an authenticated no-op's CPU,
 * measured in docs/benchmarks.md). Only a token the wrapped decoder accepted is remembered, under its exact text; one
 * it refused is refused again by it every time. Tokens are stateless either way: a remembered token is accepted until
 * its {@code exp}, as verifying it again would (a key removed from the identity provider's key set does not end the
 * tokens it signed in either case). At most {@code capacity} tokens, the least recently used leaving first.
 */
final class RememberingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    RememberingJwtDecoder(JwtDecoder verifier, int capacity, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfter(new UntilExpiry(clock))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** Each token leaves when it expires (the decoder refuses tokens without an expiry, so each has one). */
    private record UntilExpiry(Clock clock) implements Expiry<String, Jwt> {

        @Override
        public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), jwt.getExpiresAt()).toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(token, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** For the tests: whether the token is remembered. */
    boolean remembers(String token) {
        return verified.getIfPresent(token) != null;
    }
}
