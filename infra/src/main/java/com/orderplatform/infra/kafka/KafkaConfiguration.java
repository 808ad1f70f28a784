package com.orderplatform.infra.kafka;

import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaProperties.class)
public class KafkaConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(name = "orders.kafka.embedded", havingValue = "true")
    EmbeddedKafkaBroker embeddedKafka(KafkaProperties properties) {
        return new EmbeddedKafkaBroker(Path.of(properties.logDir()), properties.port(), properties.controllerPort());
    }
}
