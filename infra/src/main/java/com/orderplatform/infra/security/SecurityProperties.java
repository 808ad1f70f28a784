package com.orderplatform.infra.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Either {@code jwkSetUri} (a real identity provider) or {@code jwtSecret} (HMAC, at least 32 bytes) must be set.
 * {@code verifiedTokens}: how many verified bearer tokens are remembered (each until it expires), so that a client's
 * next request with the same token is not verified again; 0 verifies every request.
 */
@ConfigurationProperties("orders.security")
public record SecurityProperties(
        String jwtSecret,
        String jwkSetUri,
        @DefaultValue("orders-platform") String issuer,
        @DefaultValue("PT12H") Duration devTokenTtl,
        @DefaultValue("10000") int verifiedTokens) {
}
