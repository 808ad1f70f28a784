package com.orderplatform.infra.redis;

import com.orderplatform.infra.locks.DistributedLocks;
import com.orderplatform.infra.locks.RedissonLocks;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisProperties.class)
public class RedisConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(name = "orders.redis.embedded", havingValue = "true")
    EmbeddedRedisServer embeddedRedis(RedisProperties properties) {
        String pidFile = properties.embeddedPidFile();
        return new EmbeddedRedisServer(properties.embeddedPort(),
                pidFile == null || pidFile.isBlank() ? null : java.nio.file.Path.of(pidFile));
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
    RedissonClient redisson(RedisProperties properties, Optional<EmbeddedRedisServer> embedded) {
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
}
