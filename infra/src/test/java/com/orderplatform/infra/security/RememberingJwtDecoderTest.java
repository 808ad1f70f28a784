package com.orderplatform.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The remembered verification of bearer tokens, over the application's own decoder (HMAC, its validators). */
class RememberingJwtDecoderTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes-long";
    private static final SecurityProperties PROPERTIES = new SecurityProperties(SECRET, null, "orders-platform",
            Duration.ofHours(1), 100);

    private final AtomicInteger verifications = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.now());
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        return new SecurityConfiguration().jwtDecoder(
                new SecurityProperties(SECRET, null, "orders-platform", Duration.ofHours(1), 0), Clock.systemUTC())
                .decode(token);
    };
    private final RememberingJwtDecoder decoder = new RememberingJwtDecoder(verifier, 100, clock);

    private static String token(String subject, Instant expires, String secret) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("orders-platform")
                .issueTime(new Date()).expirationTime(Date.from(expires))
                .claim(SecurityConfiguration.ROLES_CLAIM, List.of("CUSTOMER")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void aVerifiedTokenIsRememberedAndNotVerifiedAgain() throws Exception {
        String token = token("ann", Instant.now().plus(Duration.ofMinutes(10)), SECRET);

        Jwt first = decoder.decode(token);
        Jwt again = decoder.decode(token);

        assertThat(again.getSubject()).isEqualTo("ann");
        assertThat(again).isSameAs(first);
        assertThat(verifications).hasValue(1);
        assertThat(decoder.remembers(token)).isTrue();
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() throws Exception {
        String forged = token("mallory", Instant.now().plus(Duration.ofMinutes(10)), SECRET + "-but-another-key");

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        }
        assertThat(verifications).hasValue(3);
        assertThat(decoder.remembers(forged)).isFalse();
    }

    @Test
    void aRememberedTokenDoesNotVouchForAnotherTextWithTheSameClaims() throws Exception {
        String token = token("ann", Instant.now().plus(Duration.ofMinutes(10)), SECRET);
        decoder.decode(token);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItHasExpired() throws Exception {
        String token = token("ann", Instant.now().plus(Duration.ofSeconds(30)), SECRET);
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(31));
        // The verifier's own clock allows a minute's skew past the expiry: it still accepts, but it is asked.
        decoder.decode(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void theFirewallsLoopSaysWhatItsRegularExpressionSaid() {
        Pattern regex = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
        List<String> samples = List.of("", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", "application/json; charset=utf-8",
                "caf\u00e9", "\ud83d\ude00 smile", "tab\there", "nul\u0000", "del\u007f", "c1\u0085", "\u0378unassigned",
                "lone\ud800surrogate", "line\nfeed", "\u00a0nbsp", "\uffff");
        for (String sample : samples) {
            assertThat(SecurityConfiguration.assignedAndNotControl(sample)).as("%s", sample.codePoints().boxed().toList())
                    .isEqualTo(regex.matcher(sample).matches());
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
