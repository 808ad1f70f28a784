package com.orderplatform.infra.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tracking processors that read this process's event store. A processor waits until a just-written event is its
 * linger old, so that the events written meanwhile share its batch — one transaction and one position write instead
 * of one each, each hop up to that much longer: {@code linger} for the order's steps (the saga, the payment
 * processor: every hop is on the way to PAID), {@code followersLinger} for the processors that only follow the orders
 * (the views, the Kafka publisher). {@code skippedPositionEvery}: a processor that only skips events it does not
 * handle writes its position at most this often.
 */
@ConfigurationProperties("orders.processors")
public record ProcessorProperties(
        @DefaultValue("20ms") Duration linger,
        @DefaultValue("100ms") Duration followersLinger,
        @DefaultValue("1s") Duration skippedPositionEvery,
        @DefaultValue("5s") Duration balanceEvery,
        @DefaultValue("15s") Duration releaseFor,
        @DefaultValue("true") boolean sharedEventReader) {
}
