package com.orderplatform.infra.ids;

import com.orderplatform.infra.roles.ConditionalOnRole;
import com.orderplatform.infra.roles.Role;
import java.time.Clock;
import org.redisson.api.RedissonClient;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Only instances that take orders lease a node id. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdsProperties.class)
public class IdsConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnRole(Role.COMMAND)
    RedissonNodeLease nodeLease(RedissonClient redisson, Clock clock, IdsProperties properties) {
        return new RedissonNodeLease(redisson, clock, properties.leaseTtl(), properties.renewEvery());
    }

    @Bean
    @ConditionalOnRole(Role.COMMAND)
    SnowflakeIdGenerator idGenerator(RedissonNodeLease lease, Clock clock, IdsProperties properties) {
        return new SnowflakeIdGenerator(lease, clock, properties.toleratedClockStepBackMillis());
    }

    @Bean
    @ConditionalOnRole(Role.COMMAND)
    HealthIndicator idGeneratorHealthIndicator(RedissonNodeLease lease) {
        return () -> (lease.isUsable() ? Health.up() : Health.outOfService())
                .withDetail("nodeId", lease.nodeId())
                .withDetail("lease", lease.describe())
                .build();
    }
}
