package com.orderplatform.command.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded provider simulator's cards: {@code tok_ok} is approved and {@code tok_declined} declined after
 * {@code latency}; {@code tok_slow} is approved only after {@code slowLatency} (configure it beyond the payment
 * timeout); any other method is declined with probability {@code failureRate}.
 */
@ConfigurationProperties("orders.payment.simulated")
public record SimulatedProviderProperties(
        @DefaultValue("20ms") Duration latency,
        @DefaultValue("30s") Duration slowLatency,
        @DefaultValue("0.1") double failureRate) {
}
