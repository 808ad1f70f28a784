package com.orderplatform.infra.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets in Redis, checked right after authentication (DESIGN §3).
 * {@code perUserPlacements} per {@code perUserInterval}: how many {@code POST /api/orders} one user may send.
 * {@code perClientRequests} per {@code perClientInterval}: every other state-changing request, per user (per address
 * before one is known).
 * {@code globalPlacements} per {@code globalInterval}: placements the whole cluster admits; each instance takes
 * {@code globalBatch} permits from Redis at a time and hands them out itself.
 * {@code whenRedisDown}: while Redis fails (no answer within {@code timeout}, or the redis breaker open), {@code LOCAL}
 * decides in the instance with {@code localShare} of each limit (its own count of what it admitted, {@link
 * LocalBuckets}), {@code OPEN} lets requests through, {@code CLOSED} answers 503.
 * {@code localShare}: this instance's share of every limit while it decides alone — 1 / the number of instances.
 * {@code keepAlive}: how long an idle user's bucket stays in Redis.
 * {@code timeout}: how long a request waits for Redis's answer before it counts as Redis failing.
 */
@ConfigurationProperties("orders.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20") long perUserPlacements,
        @DefaultValue("10s") Duration perUserInterval,
        @DefaultValue("60") long perClientRequests,
        @DefaultValue("1m") Duration perClientInterval,
        @DefaultValue("10000") long globalPlacements,
        @DefaultValue("1s") Duration globalInterval,
        @DefaultValue("100") long globalBatch,
        @DefaultValue("LOCAL") WhenRedisDown whenRedisDown,
        @DefaultValue("10m") Duration keepAlive,
        @DefaultValue("250ms") Duration timeout,
        @DefaultValue("1") double localShare) {

    public enum WhenRedisDown { LOCAL, OPEN, CLOSED }
}
