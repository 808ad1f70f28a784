package com.orderplatform.infra.ids;

import com.orderplatform.infra.roles.ConditionalOnRole;
import com.orderplatform.infra.roles.Role;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
    RedissonNodeLease nodeLease(RedissonClient redisson, Clock clock, IdsProperties properties, MeterRegistry meters) {
        RedissonNodeLease lease = new RedissonNodeLease(redisson, clock, properties.leaseTtl(), properties.renewEvery());
        Gauge.builder("orders.ids.lease.usable", lease, l -> l.isUsable() ? 1 : 0)
                .description("1 while this instance holds its Snowflake node id's lease, 0 otherwise").register(meters);
        Gauge.builder("orders.ids.node", lease, l -> l.isUsable() ? l.nodeId() : -1)
                .description("The node id this instance leases (-1 without a lease)").register(meters);
        return lease;
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
