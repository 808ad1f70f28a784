package com.orderplatform.infra.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code embedded}: start a Redis server in-process (local default; {@code embeddedPort} 0 picks a free port;
 * {@code embeddedPidFile} lets a restart stop a server a killed predecessor left running).
 * Otherwise {@code address} names a single server, or {@code redissonConfig} points to a Redisson YAML file for
 * sentinel, cluster or anything else Redisson supports. {@code breaker}: the one circuit breaker of every use of
 * Redis on the request path (the gate, the idempotency claims).
 */
@ConfigurationProperties("orders.redis")
public record OrdersRedisProperties(
        @DefaultValue("false") boolean embedded,
        @DefaultValue("0") int embeddedPort,
        String embeddedPidFile,
        @DefaultValue("redis://127.0.0.1:6379") String address,
        String redissonConfig,
        @DefaultValue("1s") Duration timeout,
        @DefaultValue Breaker breaker) {

    /** Opens when half of the last calls failed or were slower than {@code slowCall}; probes again after {@code openFor}. */
    public record Breaker(
            @DefaultValue("1s") Duration slowCall,
            @DefaultValue("2s") Duration openFor) {
    }
}
