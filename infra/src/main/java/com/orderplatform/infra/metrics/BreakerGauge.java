package com.orderplatform.infra.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A circuit breaker's state as the gauge {@code orders.breaker.state{breaker=<name>}}: Resilience4j's own order of
 * the states — 0 closed, 1 open, 2 half open (3 disabled, 4 forced open, 5 metrics only). An operator watches it
 * during an outage; it is how one sees that the payment provider or Redis is being answered for again.
 */
public final class BreakerGauge {

    public static final String NAME = "orders.breaker.state";

    private BreakerGauge() {
    }

    public static CircuitBreaker register(MeterRegistry meters, CircuitBreaker breaker) {
        Gauge.builder(NAME, breaker, watched -> watched.getState().getOrder())
                .tag("breaker", breaker.getName())
                .description("state of the circuit breaker: 0 closed, 1 open, 2 half open")
                .register(meters);
        return breaker;
    }
}
