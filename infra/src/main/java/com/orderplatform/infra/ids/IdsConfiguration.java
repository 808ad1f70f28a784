package com.orderplatform.infra.ids;

import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdsProperties.class)
public class IdsConfiguration {

    @Bean
    IdGenerator idGenerator(IdsProperties properties, Clock clock) {
        LoggerFactory.getLogger(IdsConfiguration.class)
                .info("Snowflake order ids: node id {} (from configuration)", properties.nodeId());
        return new SnowflakeIdGenerator(properties.nodeId(), clock, properties.toleratedClockStepBackMillis());
    }
}
