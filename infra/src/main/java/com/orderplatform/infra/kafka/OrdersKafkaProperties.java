package com.orderplatform.infra.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * {@code enabled}: publish every event to Kafka ({@code false}: no Kafka at all; the views read the event store) —
 * the one switch, read through {@link #of(Environment)} by every condition and mapped onto Axon's publisher switch
 * in application.yml. {@code embedded}: run a single-node broker in-process, its log in {@code logDir} (local
 * default). {@code partitions}: of the events topic, when the application creates it; {@code publisherBatchSize}:
 * events per publishing batch; {@code pollTimeout}: the query side's Kafka poll.
 */
@ConfigurationProperties(OrdersKafkaProperties.PREFIX)
public record OrdersKafkaProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("false") boolean embedded,
        @DefaultValue("./data/kafka") String logDir,
        @DefaultValue("29092") int port,
        @DefaultValue("29093") int controllerPort,
        @DefaultValue("1") int partitions,
        @DefaultValue("100") int publisherBatchSize,
        @DefaultValue("1s") Duration pollTimeout) {

    static final String PREFIX = "orders.kafka";

    /** For conditions, which run before any properties bean exists. */
    static OrdersKafkaProperties of(Environment environment) {
        return Binder.get(environment).bindOrCreate(PREFIX, OrdersKafkaProperties.class);
    }
}
