package com.orderplatform.infra.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Either {@code jwkSetUri} (a real identity provider) or {@code jwtSecret} (HMAC, at least 32 bytes) must be set.
 */
@ConfigurationProperties("orders.security")
public record SecurityProperties(
        String jwtSecret,
        String jwkSetUri,
        @DefaultValue("orders-platform") String issuer,
        @DefaultValue("PT12H") Duration devTokenTtl) {
}
