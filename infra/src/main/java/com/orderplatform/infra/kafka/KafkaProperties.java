package com.orderplatform.infra.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code enabled}: publish to Kafka and feed the query side from it (otherwise the projections read the event
 * store). {@code partitions}: of the events topic, when the application creates it. {@code embedded}: run a single-node broker in-process, its log in {@code logDir} (local default).
 */
@ConfigurationProperties("orders.kafka")
public record KafkaProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("false") boolean embedded,
        @DefaultValue("./data/kafka") String logDir,
        @DefaultValue("29092") int port,
        @DefaultValue("29093") int controllerPort,
        @DefaultValue("1") int partitions,
        @DefaultValue("100") int publisherBatchSize,
        @DefaultValue("1s") Duration pollTimeout) {
}
