package com.orderplatform.infra.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

    /** How long a copy of a request still running is told so; after a crash mid-request, a retry runs then. */
    @Bean
    InFlightClaims inFlightClaims(RedissonClient redisson, CircuitBreaker redisBreaker,
                                  @Value("${orders.idempotency.in-flight-for:30s}") Duration holdFor) {
        return new RedisInFlightClaims(redisson, redisBreaker, holdFor);
    }

    /** Runs after Spring Security (whose filters come first), so the caller is known. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ObjectMapper json,
                                                                List<SelfManagedIdempotency> selfManaged) {
        return new FilterRegistrationBean<>(new IdempotencyFilter(store, json, selfManaged));
    }
}
