package com.orderplatform.infra.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Per event processor, as gauges: events behind the head ({@code orders.processor.lag}), segments this instance
 * claims ({@code orders.processor.segments.claimed}) and dead letters ({@code orders.processor.dead.letters}). Read
 * from {@link ProcessorOperations} at most every {@value #FRESH_FOR_SECONDS} seconds, whatever the scrape rate.
 */
public class ProcessorMetrics {

    private static final long FRESH_FOR_SECONDS = 5;

    private final ProcessorOperations operations;
    private final MeterRegistry meters;
    private volatile List<ProcessorOperations.Processor> read = List.of();
    private volatile long readAtNanos = System.nanoTime() - 2 * Duration.ofSeconds(FRESH_FOR_SECONDS).toNanos();

    public ProcessorMetrics(ProcessorOperations operations, MeterRegistry meters) {
        this.operations = operations;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        for (String name : operations.names()) {
            gauge("orders.processor.lag", name, "Events the processor is behind the event store's head",
                    p -> p.segments().stream().map(ProcessorOperations.Segment::lag).filter(Objects::nonNull)
                            .mapToLong(Long::longValue).sum());
            gauge("orders.processor.segments.claimed", name, "Segments of the processor this instance claims",
                    p -> p.segments().size());
            gauge("orders.processor.dead.letters", name, "Events parked in the processor's dead-letter queue",
                    ProcessorOperations.Processor::deadLetters);
        }
    }

    private void gauge(String metric, String processor, String description,
                       ToDoubleFunction<ProcessorOperations.Processor> value) {
        Gauge.builder(metric, () -> processors().stream().filter(p -> p.name().equals(processor)).findFirst()
                        .map(value::applyAsDouble).orElse(Double.NaN))
                .tag("processor", processor).description(description).register(meters);
    }

    private List<ProcessorOperations.Processor> processors() {
        long now = System.nanoTime();
        if (now - readAtNanos > Duration.ofSeconds(FRESH_FOR_SECONDS).toNanos()) {
            synchronized (this) {
                if (now - readAtNanos > Duration.ofSeconds(FRESH_FOR_SECONDS).toNanos()) {
                    read = operations.processors();
                    readAtNanos = now;
                }
            }
        }
        return read;
    }
}
