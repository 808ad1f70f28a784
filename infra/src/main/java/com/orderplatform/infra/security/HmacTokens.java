package com.orderplatform.infra.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens signed with the instance's own HMAC secret ({@code orders.security.jwt-secret}), as its decoder
 * accepts them: the local default's dev tokens, and the tokens an instance's warm-up sends to itself. Where the
 * instance only verifies a real identity provider's tokens ({@code jwk-set-uri}), it can mint none.
 */
public final class HmacTokens {

    private final SecurityProperties properties;
    private final Clock clock;
    private final MACSigner signer;

    private HmacTokens(SecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        try {
            this.signer = new MACSigner(SecurityConfiguration.hmacKey(properties).getEncoded());
        } catch (JOSEException e) {
            throw new IllegalStateException("the HMAC secret cannot sign tokens", e);
        }
    }

    /** Tokens signed with the configured secret; empty when the instance verifies an identity provider's instead. */
    public static Optional<HmacTokens> of(SecurityProperties properties, Clock clock) {
        return properties.jwtSecret() == null || properties.jwtSecret().isBlank() ? Optional.empty()
                : Optional.of(new HmacTokens(properties, clock));
    }

    /** A token for {@code subject} with {@code roles}, valid for {@code ttl}. */
    public String mint(String subject, List<String> roles, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(properties.issuer())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim(SecurityConfiguration.ROLES_CLAIM, roles)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
        return jwt.serialize();
    }
}
