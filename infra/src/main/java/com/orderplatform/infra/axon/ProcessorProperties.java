package com.orderplatform.infra.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tracking processors that read this process's event store. {@code linger}: a processor waits until a
 * just-written event is this old, so that the events written meanwhile share its batch — one commit instead of one
 * each, each hop up to this much longer. {@code skippedPositionEvery}: a processor that only skips events it does not
 * handle writes its position at most this often.
 */
@ConfigurationProperties("orders.processors")
public record ProcessorProperties(
        @DefaultValue("20ms") Duration linger,
        @DefaultValue("1s") Duration skippedPositionEvery,
        @DefaultValue("5s") Duration balanceEvery,
        @DefaultValue("15s") Duration releaseFor,
        @DefaultValue("true") boolean sharedEventReader) {
}
