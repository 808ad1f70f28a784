package com.orderplatform.command.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code timeout}: how long the provider has to answer a charge, counted from our call to it; then the charge is
 * recorded as expired and the order is cancelled (a later approval is refunded). A provider that cannot be reached
 * at all (connection refused, its breaker open) parks the charge instead, and parked charges are requested again,
 * {@code resumePerSecond} at most, once the breaker lets calls through. {@code breaker.openFor}: how long the
 * breaker stays open before it lets a few probing calls through. {@code reconciliation}: see
 * {@link PaymentReconciliation}.
 */
@ConfigurationProperties("orders.payment")
public record PaymentProperties(
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("50") int resumePerSecond,
        @DefaultValue Breaker breaker,
        @DefaultValue Reconciliation reconciliation) {

    public record Breaker(@DefaultValue("2s") Duration openFor) {
    }

    /** Every {@code every}, the provider's charges of the last {@code lookback} are compared with ours. */
    public record Reconciliation(@DefaultValue("10m") Duration every, @DefaultValue("24h") Duration lookback) {
    }
}
