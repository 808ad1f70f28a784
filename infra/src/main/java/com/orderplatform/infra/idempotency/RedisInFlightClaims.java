package com.orderplatform.infra.idempotency;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims as Redis keys with a time to live ({@code SET NX PX}). While Redis fails, every request gets the claim: the
 * durable record's primary key still lets only one of several copies change anything; the copies just learn it
 * later.
 */
public class RedisInFlightClaims implements InFlightClaims {

    private static final Logger log = LoggerFactory.getLogger(RedisInFlightClaims.class);

    private final RedissonClient redisson;
    private final CircuitBreaker redisBreaker;
    private final Duration holdFor;

    public RedisInFlightClaims(RedissonClient redisson, CircuitBreaker redisBreaker, Duration holdFor) {
        this.redisson = redisson;
        this.redisBreaker = redisBreaker;
        this.holdFor = holdFor;
    }

    @Override
    public boolean take(String userId, String key, String requestHash) {
        try {
            return redisBreaker.executeSupplier(() -> bucket(userId, key).setIfAbsent(requestHash, holdFor));
        } catch (RuntimeException e) {
            log.debug("Idempotency claim not taken in Redis ({}); the database record decides", e.toString());
            return true;
        }
    }

    @Override
    public Optional<String> holderOf(String userId, String key) {
        try {
            return Optional.ofNullable(redisBreaker.executeSupplier(() -> bucket(userId, key).get()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void drop(String userId, String key) {
        try {
            redisBreaker.executeRunnable(() -> bucket(userId, key).delete());
        } catch (RuntimeException e) {
            log.debug("Idempotency claim not dropped ({}); it expires within {}", e.toString(), holdFor);
        }
    }

    private RBucket<String> bucket(String userId, String key) {
        return redisson.getBucket(IdempotencyKeys.redisKey(userId, key), StringCodec.INSTANCE);
    }
}
