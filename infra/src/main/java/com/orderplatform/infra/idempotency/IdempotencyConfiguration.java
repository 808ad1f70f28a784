package com.orderplatform.infra.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(JdbcTemplate jdbc, RedissonClient redisson, CircuitBreaker redisBreaker,
                                      ObjectMapper json, Clock clock, IdempotencyProperties properties) {
        return new JdbcIdempotencyStore(jdbc, redisson, redisBreaker, json, clock, properties.cacheFor());
    }

    /** How long a copy of a request still running is told so; after a crash mid-request, a retry runs then. */
    @Bean
    InFlightClaims inFlightClaims(RedissonClient redisson, CircuitBreaker redisBreaker,
                                  IdempotencyProperties properties) {
        return new RedisInFlightClaims(redisson, redisBreaker, properties.inFlightFor());
    }

    /** Runs after Spring Security (whose filters come first), so the caller is known. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ObjectMapper json,
                                                                List<SelfManagedIdempotency> selfManaged) {
        return new FilterRegistrationBean<>(new IdempotencyFilter(store, json, selfManaged));
    }
}
