package com.orderplatform.infra.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class IdempotencyConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(JdbcTemplate jdbc, RedissonClient redisson, CircuitBreaker redisBreaker,
                                      ObjectMapper json, Clock clock,
                                      @Value("${orders.idempotency.cache-for:24h}") Duration cacheFor) {
        return new JdbcIdempotencyStore(jdbc, redisson, redisBreaker, json, clock, cacheFor);
    }

    /** Runs after Spring Security (whose filters come first), so the caller is known. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ObjectMapper json) {
        return new FilterRegistrationBean<>(new IdempotencyFilter(store, json));
    }
}
