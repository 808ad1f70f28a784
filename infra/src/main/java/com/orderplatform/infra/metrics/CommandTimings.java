package com.orderplatform.infra.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.micrometer.MessageTimerMonitor;

/**
 * Axon's timers on the command bus alone ({@code commandBus_*_seconds} per command type). Axon's own metrics module
 * ({@code axon.metrics.auto-configuration}, off here) also times every event in every processor, a cost on every
 * order (docs/benchmarks.md), where the processors' lag and dead letters are what an operator reads
 * ({@code ProcessorMetrics}).
 */
public final class CommandTimings {

    private CommandTimings() {
    }

    public static ConfigurerModule module(MeterRegistry meters) {
        return configurer -> configurer.configureMessageMonitor(CommandBus.class, configuration ->
                MessageTimerMonitor.builder()
                        .meterNamePrefix("commandBus")
                        .meterRegistry(meters)
                        .tagsBuilder(message -> Tags.of("payloadType", message.getPayloadType().getSimpleName()))
                        .build());
    }
}
