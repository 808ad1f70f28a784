package com.orderplatform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.orderplatform.app.support.RunningApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductionProfileIT {

    private static final String SECRET = "a-production-secret-of-at-least-32-bytes";

    @TempDir
    Path dataDir;

    @Test
    void outsideTheLocalProfileThereIsNoTokenMintingAndNoPaymentProviderControl() throws Exception {
        try (RunningApp app = RunningApp.start(dataDir, Map.of("spring.profiles.active", "prod",
                "orders.security.jwt-secret", SECRET,
                "orders.redis.embedded", "true"))) {
            RunningApp.Response response = app.post("/api/dev/tokens", null,
                    Map.of("userId", "intruder", "roles", List.of("ADMIN")));

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("NOT_FOUND");
            String admin = adminToken();
            RunningApp.Response control = app.put("/api/dev/payment-provider", admin, Map.of("mode", "DOWN"));
            assertThat(control.status()).isEqualTo(404);
            assertThat(app.get("/api/dev/payment-provider/charges?orderId=1", admin).status()).isEqualTo(404);
        }
    }

    /** An admin token as the production identity provider would sign it (the secret given above). */
    private static String adminToken() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("ops").issuer("orders-platform")
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("roles", List.of("ADMIN")).build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        token.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return token.serialize();
    }
}
