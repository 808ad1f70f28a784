package com.orderplatform.infra.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tracking processors that read this process's event store. A processor waits until a just-written event is its
 * linger old, so that the events written meanwhile share its batch — one transaction and one position write instead
 * of one each, each hop up to that much longer: {@code linger} for what a buyer waits on (the saga and the payment
 * processor, every hop on the way to PAID, and the order view a buyer polls), {@code followersLinger} for what only
 * follows the orders (the product view, the Kafka publisher). {@code skippedPositionEvery}: a processor that only
 * skips events it does not handle writes its position at most this often.
 */
@ConfigurationProperties("orders.processors")
public record ProcessorProperties(
        @DefaultValue("50ms") Duration linger,
        @DefaultValue("250ms") Duration followersLinger,
        @DefaultValue("1s") Duration skippedPositionEvery,
        @DefaultValue("5s") Duration balanceEvery,
        @DefaultValue("15s") Duration releaseFor,
        @DefaultValue("true") boolean sharedEventReader) {
}
