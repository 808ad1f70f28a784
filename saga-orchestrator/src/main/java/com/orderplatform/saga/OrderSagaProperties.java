package com.orderplatform.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chargeDeadline}: how long a saga waits for any outcome of the charge it requested before it expires the
 * payment itself — a safety net for a payment side that stopped answering, far longer than the provider's own
 * timeout ({@code orders.payment.timeout}). {@code sweepEvery}: how often overdue charges are looked for.
 * {@code maxPark}: how long a saga may stay PARKED (its charge waiting for an unreachable provider) before the
 * payment expires after all, the normal timeout path. {@code redrivePerSecond}: the pace of a bulk re-drive, so that a provider that just came back is not stampeded.
 * {@code redriveWait}: how long a re-drive waits, holding the saga's operator lock, for its command to be handled, so
 * that the operator is told whether it went through or failed again.
 */
@ConfigurationProperties("orders.saga")
public record OrderSagaProperties(
        @DefaultValue("15m") Duration chargeDeadline,
        @DefaultValue("10s") Duration sweepEvery,
        @DefaultValue("10m") Duration maxPark,
        @DefaultValue("50") int redrivePerSecond,
        @DefaultValue("5s") Duration redriveWait) {
}
