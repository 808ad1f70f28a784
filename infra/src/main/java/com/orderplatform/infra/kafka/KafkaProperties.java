package com.orderplatform.infra.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code embedded}: run a single-node broker in-process, its log in {@code logDir} (local default). */
@ConfigurationProperties("orders.kafka")
public record KafkaProperties(
        @DefaultValue("false") boolean embedded,
        @DefaultValue("./data/kafka") String logDir,
        @DefaultValue("29092") int port,
        @DefaultValue("29093") int controllerPort) {
}
