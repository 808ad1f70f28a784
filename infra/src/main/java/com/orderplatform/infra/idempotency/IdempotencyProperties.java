package com.orderplatform.infra.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code inFlightFor}: a copy of a request still running is told so ({@code 409}) for this long; after a crash
 * mid-request a retry runs again after it. {@code cacheFor}: how long Redis keeps an answer (the database keeps it).
 */
@ConfigurationProperties("orders.idempotency")
public record IdempotencyProperties(
        @DefaultValue("30s") Duration inFlightFor,
        @DefaultValue("24h") Duration cacheFor) {
}
