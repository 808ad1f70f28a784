package com.orderplatform.infra.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.redisson.api.RFuture;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateLimiterConfig;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redisson's {@link RRateLimiter} per user and for the whole cluster, made cheap where it can be: a client's first
 * request within an interval is counted in Redis only if a second one comes (a flash-sale crowd, each buyer once, costs
 * no round trip; a client may so get one request more than its limit per instance it reaches); a refusal is
 * remembered in this instance until the bucket can have a permit again, so a client hammering past its limit costs a
 * map lookup; the cluster's bucket is drawn {@code globalBatch} permits at a time.
 */
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final int REMEMBERED = 100_000;
    private static final String PREFIX = "orders:rate:";
    private static final String CLUSTER = PREFIX + "placements:cluster";

    /** What a request gets: through, refused for {@code retryAfterSeconds}, or no answer (Redis down, closed). */
    public record Verdict(boolean allowed, long retryAfterSeconds) {
        static final Verdict ALLOWED = new Verdict(true, 0);
        static final Verdict UNAVAILABLE = new Verdict(false, 0);

        public boolean unavailable() {
            return !allowed && retryAfterSeconds == 0;
        }
    }

    private final RedissonClient redisson;
    private final CircuitBreaker redisBreaker;
    private final RateLimitProperties limits;
    private final Map<String, Long> refusedUntil = lru();
    /** Clients whose first request this instance let through without Redis, and when (guarded by refusedUntil). */
    private final Map<String, Long> uncounted = lru();
    /** Clients this instance counts in Redis on every request (guarded by refusedUntil). */
    private final Map<String, Long> counted = lru();
    private final Map<String, Long> configured = lru();
    private final LocalBuckets local;
    private final AtomicLong globalPermits = new AtomicLong();
    private volatile long globalRefusedUntil = System.nanoTime();

    public RateLimiter(RedissonClient redisson, CircuitBreaker redisBreaker, RateLimitProperties limits) {
        this.redisson = redisson;
        this.redisBreaker = redisBreaker;
        this.limits = limits;
        this.local = new LocalBuckets(limits.localShare(), REMEMBERED);
        log.info("Rate limits: {} placements per user per {}, {} per cluster per {}; {} other requests per client per {};"
                        + " while Redis fails: {} (local share {})", limits.perUserPlacements(), limits.perUserInterval(),
                limits.globalPlacements(), limits.globalInterval(), limits.perClientRequests(),
                limits.perClientInterval(), limits.whenRedisDown(), limits.localShare());
        alignClusterRate();
    }

    /**
     * The cluster's bucket lives as long as placements come, so a changed {@code globalPlacements} or
     * {@code globalInterval} would never reach it through {@code trySetRate}: an instance starting with other
     * settings sets them (and the bucket starts afresh). Users' buckets take new settings as they expire, idle for
     * {@code keepAlive}.
     */
    private void alignClusterRate() {
        try {
            RRateLimiter cluster = redisson.getRateLimiter(CLUSTER);
            if (!cluster.isExists()) {
                return;
            }
            RateLimiterConfig config = cluster.getConfig();
            if (config.getRate() != limits.globalPlacements()
                    || config.getRateInterval() != limits.globalInterval().toMillis()) {
                cluster.setRate(RateType.OVERALL, limits.globalPlacements(), limits.globalInterval(), limits.keepAlive());
                log.info("Cluster placement rate changed from {} per {} ms", config.getRate(), config.getRateInterval());
            }
        } catch (RuntimeException redisDown) {
            log.warn("Cluster placement rate not checked ({}); the bucket keeps the rate it has", redisDown.toString());
        }
    }

    /** A placement by {@code userId}: its own bucket first (one user's burst spends none of the cluster's), then the cluster's. */
    public Verdict placement(String userId) {
        Verdict own = take("placements:user:" + userId, limits.perUserPlacements(), limits.perUserInterval());
        return own.allowed() ? cluster() : own;
    }

    /** Any other state-changing request of {@code client} (a user id, or an address before one is known). */
    public Verdict request(String client) {
        return take("requests:" + client, limits.perClientRequests(), limits.perClientInterval());
    }

    private Verdict take(String bucket, long permits, Duration interval) {
        String name = PREFIX + bucket;
        long now = System.nanoTime();
        long owed;
        synchronized (refusedUntil) {
            Long until = refusedUntil.get(name);
            if (until != null && now - until < 0) {
                return refused(until - now);
            }
            if (counted.get(name) != null) {
                owed = 1;
            } else {
                // A crowd is mostly clients that come once: the first request an instance sees from a client within
                // an interval passes without a round trip, and is counted in Redis with that client's next one.
                Long firstAt = uncounted.remove(name);
                if (firstAt == null || now - firstAt > interval.toNanos()) {
                    uncounted.put(name, now);
                    local.spent(name, permits, interval, now);
                    return Verdict.ALLOWED;
                }
                counted.put(name, now);
                owed = Math.min(2, permits);
            }
        }
        Boolean taken = redis(() -> acquire(name, owed, permits, interval));
        if (taken == null) {
            return whenRedisDown(name, permits, interval, now);
        }
        if (taken) {
            local.spent(name, permits, interval, now);
            return Verdict.ALLOWED;
        }
        // A sliding window: some permit comes back within one interval; until then this instance answers alone.
        synchronized (refusedUntil) {
            refusedUntil.put(name, now + interval.toNanos());
        }
        return refused(interval.toNanos());
    }

    /** The cluster's bucket, {@code globalBatch} permits at a time; a refused batch is asked again at most every tenth of the interval. */
    private Verdict cluster() {
        while (true) {
            long left = globalPermits.get();
            if (left > 0) {
                if (globalPermits.compareAndSet(left, left - 1)) {
                    local.spent(CLUSTER, limits.globalPlacements(), limits.globalInterval(), System.nanoTime());
                    return Verdict.ALLOWED;
                }
                continue;
            }
            synchronized (globalPermits) {
                if (globalPermits.get() > 0) {
                    continue;
                }
                long now = System.nanoTime();
                long wait = limits.globalInterval().toNanos() / 10;
                if (now - globalRefusedUntil < 0) {
                    return refused(globalRefusedUntil - now);
                }
                long batch = Math.max(1, Math.min(limits.globalBatch(), limits.globalPlacements()));
                Long drawn = redis(() -> {
                    if (acquire(CLUSTER, batch, limits.globalPlacements(), limits.globalInterval())) {
                        return batch;
                    }
                    // Fewer than a batch left in this interval: they are admitted one by one.
                    return batch > 1 && acquire(CLUSTER, 1, limits.globalPlacements(), limits.globalInterval()) ? 1L : 0L;
                });
                if (drawn == null) {
                    return whenRedisDown(CLUSTER, limits.globalPlacements(), limits.globalInterval(), now);
                }
                if (drawn == 0) {
                    globalRefusedUntil = now + wait;
                    return refused(wait);
                }
                globalPermits.set(drawn - 1);
                local.spent(CLUSTER, limits.globalPlacements(), limits.globalInterval(), now);
                return Verdict.ALLOWED;
            }
        }
    }

    /**
     * One round trip when this instance has set the bucket's rate before; the rate is set (if absent) first
     * otherwise, and again when Redis lost the bucket (flushed, or idle past {@code keepAlive}).
     */
    private boolean acquire(String name, long count, long permits, Duration interval) {
        RRateLimiter limiter = redisson.getRateLimiter(name);
        boolean known;
        synchronized (configured) {
            known = configured.get(name) != null;
        }
        if (known) {
            try {
                return await(limiter.tryAcquireAsync(count));
            } catch (RedisException lost) {
                if (!String.valueOf(lost.getMessage()).contains("not initialized")) {
                    throw lost;
                }
            }
        }
        await(limiter.trySetRateAsync(RateType.OVERALL, permits, interval, limits.keepAlive()));
        synchronized (configured) {
            configured.put(name, System.nanoTime());
        }
        return await(limiter.tryAcquireAsync(count));
    }

    /**
     * A limiter does not wait for Redis as long as the gate may: past {@code timeout} the call counts as a failure
     * (the redis breaker sees it) and the request goes on or is refused as {@code whenRedisDown} says.
     */
    private <T> T await(RFuture<T> call) {
        try {
            return call.toCompletableFuture().get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : new CompletionException(failed);
        } catch (TimeoutException slow) {
            throw new CompletionException("rate limit not answered within " + limits.timeout(), slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CompletionException(interrupted);
        }
    }

    private <T> T redis(Supplier<T> call) {
        try {
            return redisBreaker.executeSupplier(call);
        } catch (RuntimeException failed) {
            log.debug("Rate limit not checked in Redis ({})", failed.toString());
            return null;
        }
    }

    /** Redis did not answer: the instance decides alone ({@code LOCAL}, its share of the limit), admits, or refuses. */
    private Verdict whenRedisDown(String name, long permits, Duration interval, long now) {
        return switch (limits.whenRedisDown()) {
            case OPEN -> Verdict.ALLOWED;
            case CLOSED -> Verdict.UNAVAILABLE;
            case LOCAL -> {
                long wait = local.take(name, permits, interval, now);
                yield wait == 0 ? Verdict.ALLOWED : refused(wait);
            }
        };
    }

    private static Verdict refused(long nanos) {
        return new Verdict(false, Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    private static Map<String, Long> lru() {
        return lru(REMEMBERED);
    }

    /** A map that forgets its least recently used entry past {@code remembered} entries. */
    static <V> Map<String, V> lru(int remembered) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > remembered;
            }
        };
    }
}
