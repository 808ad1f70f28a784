package com.orderplatform.infra.ratelimit;

import java.time.Duration;
import java.util.Map;

/**
 * This instance's own account of what it admitted, per bucket: a token bucket holding its share of each limit
 * ({@code share} of the permits, refilled over the interval), spent by every request the instance admits. Redis decides
 * while it answers; while it does not (no answer within the timeout, or the breaker open), these buckets do — so a
 * stalled Redis leaves each instance admitting at most its share of the cluster's limits, and a single instance
 * (share 1) exactly its limits, instead of everything.
 */
final class LocalBuckets {

    private final double share;
    private final Map<String, Bucket> buckets;

    LocalBuckets(double share, int remembered) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the local share of a rate limit must be in (0, 1], not " + share);
        }
        this.share = share;
        this.buckets = RateLimiter.lru(remembered);
    }

    /** A request admitted on Redis's word (or as a client's first): it spends a token here too, if one is left. */
    synchronized void spent(String name, long permits, Duration interval, long now) {
        Bucket bucket = bucket(name, permits, interval, now);
        bucket.tokens = Math.max(0, bucket.tokens - 1);
    }

    /** A request decided here: 0 when it took a token, otherwise the nanoseconds until one is back. */
    synchronized long take(String name, long permits, Duration interval, long now) {
        Bucket bucket = bucket(name, permits, interval, now);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / bucket.perNano));
    }

    private Bucket bucket(String name, long permits, Duration interval, long now) {
        double capacity = Math.max(1, Math.floor(permits * share));
        Bucket bucket = buckets.computeIfAbsent(name, n -> new Bucket(capacity, capacity / interval.toNanos(), now));
        bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (now - bucket.filledAt) * bucket.perNano);
        bucket.filledAt = now;
        return bucket;
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long filledAt;

        Bucket(double capacity, double perNano, long now) {
            this.capacity = capacity;
            this.perNano = perNano;
            this.tokens = capacity;
            this.filledAt = now;
        }
    }
}
