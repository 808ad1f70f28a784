package com.orderplatform.saga;

import com.orderplatform.api.order.FindSagaCountsQuery;
import com.orderplatform.api.order.SagaCountsView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sagas as numbers: per shown step (FAILED and PARKED included) how many sagas are in it and how long the oldest
 * has been there ({@code orders.saga.steps}, {@code orders.saga.oldest.seconds}), read from {@code order_saga} at
 * most once per {@link #FRESH_FOR} whatever the scrape rate; and counters of failures, re-drives and aborts.
 */
final class SagaMetrics {

    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private record StepFigures(long sagas, double oldestSeconds) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Counter failures;
    private final Counter redrives;
    private final Counter aborts;
    private volatile Map<String, StepFigures> figures = Map.of();
    private volatile long readAtNanos;

    SagaMetrics(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.readAtNanos = System.nanoTime() - 2 * FRESH_FOR.toNanos();
        for (String step : OrderSagaStore.RUNNING_STEPS) {
            Gauge.builder("orders.saga.steps", () -> figures().getOrDefault(step, new StepFigures(0, 0)).sagas())
                    .description("Sagas in the step").tag("step", step).register(meters);
            Gauge.builder("orders.saga.oldest.seconds",
                            () -> figures().getOrDefault(step, new StepFigures(0, 0)).oldestSeconds())
                    .description("How long the oldest saga has been in the step").tag("step", step).register(meters);
        }
        failures = Counter.builder("orders.saga.failures").description("Step commands that failed for good")
                .register(meters);
        redrives = Counter.builder("orders.saga.redrives").description("Sagas re-driven by an operator")
                .register(meters);
        aborts = Counter.builder("orders.saga.aborts").description("Orders aborted by an operator").register(meters);
    }

    /** Running sagas per shown step, as fresh as the gauges. */
    @QueryHandler
    SagaCountsView handle(FindSagaCountsQuery query) {
        Map<String, Long> counts = new LinkedHashMap<>();
        figures().forEach((step, figures) -> counts.put(step, figures.sagas()));
        return new SagaCountsView(counts);
    }

    void failed() {
        failures.increment();
    }

    void redriven() {
        redrives.increment();
    }

    void aborted() {
        aborts.increment();
    }

    private Map<String, StepFigures> figures() {
        long now = System.nanoTime();
        if (now - readAtNanos > FRESH_FOR.toNanos()) {
            Map<String, StepFigures> read = new LinkedHashMap<>();
            Timestamp at = Timestamp.from(clock.instant());
            jdbc.query("select step, count(*), min(step_since) from order_saga where " + OrderSagaStore.RUNNING
                            + " group by step",
                    rs -> {
                        double oldest = Math.max(0, at.getTime() - rs.getTimestamp(3).getTime()) / 1000.0;
                        read.put(rs.getString(1), new StepFigures(rs.getLong(2), oldest));
                    });
            figures = read;
            readAtNanos = now;
        }
        return figures;
    }
}
