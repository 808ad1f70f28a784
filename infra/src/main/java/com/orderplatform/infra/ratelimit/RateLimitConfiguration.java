package com.orderplatform.infra.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The limiter the security chain puts right after authentication; {@code orders.rate-limit.enabled=false} removes it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "orders.rate-limit.enabled", matchIfMissing = true)
public class RateLimitConfiguration {

    @Bean
    RateLimiter rateLimiter(RedissonClient redisson, CircuitBreaker redisBreaker, RateLimitProperties limits) {
        return new RateLimiter(redisson, redisBreaker, limits);
    }
}
