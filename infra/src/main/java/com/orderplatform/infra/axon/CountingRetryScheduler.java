package com.orderplatform.infra.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;

/** Counts the retries another scheduler schedules ({@code orders.commands.retries}, by command). */
final class CountingRetryScheduler implements RetryScheduler {

    private final RetryScheduler retries;
    private final MeterRegistry meters;

    CountingRetryScheduler(RetryScheduler retries, MeterRegistry meters) {
        this.retries = retries;
        this.meters = meters;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        boolean scheduled = retries.scheduleRetry(commandMessage, lastFailure, failures, commandDispatch);
        if (scheduled) {
            Counter.builder("orders.commands.retries").description("Commands sent again after a passing failure")
                    .tag("command", commandMessage.getPayloadType().getSimpleName())
                    .register(meters).increment();
        }
        return scheduled;
    }
}
