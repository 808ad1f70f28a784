package com.orderplatform.infra.gate;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GateProperties.class)
public class GateConfiguration {

    @Bean
    CircuitBreakingStockGate stockGate(RedissonClient redisson, CircuitBreaker redisBreaker, GateProperties properties,
                                       MeterRegistry meters) {
        return new CircuitBreakingStockGate(new RedisLuaStockGate(redisson, properties.orderRecordTtl()), redisBreaker,
                properties.degradedMode(), meters);
    }
}
