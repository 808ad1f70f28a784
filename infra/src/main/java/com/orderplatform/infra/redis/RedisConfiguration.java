package com.orderplatform.infra.redis;

import com.orderplatform.infra.locks.DistributedLocks;
import com.orderplatform.infra.locks.RedissonLocks;
import com.orderplatform.infra.metrics.BreakerGauge;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrdersRedisProperties.class)
public class RedisConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    @Conditional(EmbeddedServer.class)
    EmbeddedRedisServer embeddedRedis(OrdersRedisProperties properties) {
        String pidFile = properties.embeddedPidFile();
        return new EmbeddedRedisServer(properties.embeddedPort(),
                pidFile == null || pidFile.isBlank() ? null : java.nio.file.Path.of(pidFile));
    }

    /** One breaker for every use of Redis on the request path: the gate and the idempotency claims and answers. */
    @Bean
    CircuitBreaker redisBreaker(OrdersRedisProperties properties, MeterRegistry meters) {
        return BreakerGauge.register(meters, breaker(properties.breaker()));
    }

    /** Opens when half of the last calls to Redis failed or were slower than {@code slowCall}. */
    static CircuitBreaker breaker(OrdersRedisProperties.Breaker settings) {
        return CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(settings.slowCall())
                .slowCallRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
    }

    @Bean
    DistributedLocks distributedLocks(RedissonClient redisson) {
        return new RedissonLocks(redisson);
    }

    /**
     * Lazy: the application starts (and degrades) even when Redis is down; the first call connects. Taking the
     * embedded server as a dependency makes it start before and stop after everything that uses Redis.
     */
    @Bean(destroyMethod = "shutdown")
    RedissonClient redisson(OrdersRedisProperties properties, Optional<EmbeddedRedisServer> embedded) {
        Config config;
        EmbeddedRedisServer server = embedded.orElse(null);
        if (properties.redissonConfig() != null && !properties.redissonConfig().isBlank()) {
            try {
                config = Config.fromYAML(new File(properties.redissonConfig()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + properties.redissonConfig(), e);
            }
        } else {
            config = new Config();
            config.useSingleServer()
                    .setAddress(server != null ? server.address() : properties.address())
                    .setTimeout((int) properties.timeout().toMillis())
                    .setConnectTimeout(1000)
                    .setRetryAttempts(1)
                    .setRetryInterval(500)
                    .setPingConnectionInterval(1000)
                    .setKeepAlive(true)
                    .setConnectionMinimumIdleSize(8)
                    .setConnectionPoolSize(64);
        }
        config.setLazyInitialization(true);
        return Redisson.create(config);
    }

    /**
     * {@code redis} in {@code /actuator/health}: a round trip within the configured timeout (asked asynchronously, so
     * a call Redisson never completes cannot hang the probe).
     */
    @Bean
    HealthIndicator redisHealthIndicator(RedissonClient redisson, OrdersRedisProperties properties) {
        return () -> {
            try {
                redisson.getBucket("health:ping").isExistsAsync().toCompletableFuture()
                        .get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
                return Health.up().build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down(e).build();
            } catch (ExecutionException | TimeoutException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    /** {@code orders.redis.embedded}: this process starts its own redis-server. */
    static final class EmbeddedServer implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bindOrCreate("orders.redis", OrdersRedisProperties.class).embedded();
        }
    }
}
