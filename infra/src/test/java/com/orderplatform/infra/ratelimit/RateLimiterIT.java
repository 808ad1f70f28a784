package com.orderplatform.infra.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.infra.ratelimit.RateLimitProperties.WhenRedisDown;
import com.orderplatform.infra.redis.RealRedis;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redisson's rate limiter against a real redis-server, as two instances of the application share it. */
class RateLimiterIT {

    @RegisterExtension
    static final RealRedis redis = new RealRedis();

    private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("redis");

    private RateLimiter limiter(long perUser, long global, long batch, WhenRedisDown whenDown) {
        return limiter(perUser, global, batch, whenDown, 1);
    }

    private RateLimiter limiter(long perUser, long global, long batch, WhenRedisDown whenDown, double localShare) {
        return new RateLimiter(redis.client(), breaker, new RateLimitProperties(true, perUser, Duration.ofMinutes(1),
                3, Duration.ofMinutes(1), global, Duration.ofMinutes(1), batch, whenDown, Duration.ofMinutes(5),
                Duration.ofMillis(500), localShare));
    }

    @Test
    void aUserGetsTheirPermitsAndIsThenToldWhenToComeBackWhileOthersGoOn() {
        RateLimiter limiter = limiter(5, 1_000, 10, WhenRedisDown.OPEN);

        assertThat(IntStream.range(0, 5).mapToObj(i -> limiter.placement("ann"))).allMatch(RateLimiter.Verdict::allowed);
        RateLimiter.Verdict refused = limiter.placement("ann");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.unavailable()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(60);
        assertThat(limiter.placement("ben").allowed()).isTrue();
    }

    @Test
    void aCrowdOfClientsThatComeOnceCostsNoRoundTripPerClient() {
        RateLimiter limiter = limiter(5, 1_000, 100, WhenRedisDown.OPEN);

        assertThat(IntStream.range(0, 200).mapToObj(i -> limiter.placement("once-" + i)))
                .allMatch(RateLimiter.Verdict::allowed);

        assertThat(redis.client().getKeys().getKeysStreamByPattern("orders:rate:placements:user:*").count()).isZero();
        assertThat(limiter.placement("once-7").allowed()).isTrue(); // a second visit: both are counted now
        assertThat(redis.client().getRateLimiter("orders:rate:placements:user:once-7").availablePermits()).isEqualTo(3);
    }

    @Test
    void twoInstancesShareOneBucketPerUser() {
        RateLimiter first = limiter(5, 1_000, 10, WhenRedisDown.OPEN);
        RateLimiter second = limiter(5, 1_000, 10, WhenRedisDown.OPEN);

        IntStream.range(0, 3).forEach(i -> assertThat(first.placement("cat").allowed()).isTrue());
        IntStream.range(0, 2).forEach(i -> assertThat(second.placement("cat").allowed()).isTrue());

        // 5 counted in Redis (each instance's first request is counted with its second): the bucket is empty.
        assertThat(second.placement("cat").allowed()).isFalse();
        assertThat(first.placement("cat").allowed()).isFalse();
    }

    @Test
    void aRefusalIsAnsweredByTheInstanceWithoutAskingRedisAgain() {
        RateLimiter limiter = limiter(2, 1_000, 10, WhenRedisDown.OPEN);
        limiter.placement("dan");
        limiter.placement("dan");
        assertThat(limiter.placement("dan").allowed()).isFalse();

        redis.client().getKeys().flushall(); // the bucket is gone: Redis alone would admit dan again

        assertThat(limiter.placement("dan").allowed()).isFalse();
        assertThat(limiter(2, 1_000, 10, WhenRedisDown.OPEN).placement("dan").allowed()).isTrue();
    }

    @Test
    void aBucketRedisLostIsSetUpAgain() {
        RateLimiter limiter = limiter(5, 1_000, 10, WhenRedisDown.OPEN);
        assertThat(limiter.request("user:eve").allowed()).isTrue();

        redis.client().getKeys().flushall();

        assertThat(limiter.request("user:eve").allowed()).isTrue();
        assertThat(redis.client().getRateLimiter("orders:rate:requests:user:eve").isExists()).isTrue();
    }

    @Test
    void theClusterAdmitsItsRateAcrossInstancesDrawingBatches() {
        RateLimiter first = limiter(1_000, 10, 4, WhenRedisDown.OPEN);
        RateLimiter second = limiter(1_000, 10, 4, WhenRedisDown.OPEN);

        long admitted = IntStream.range(0, 40)
                .mapToObj(i -> (i % 2 == 0 ? first : second).placement("user-" + i))
                .filter(RateLimiter.Verdict::allowed).count();

        assertThat(admitted).isEqualTo(10);
        assertThat(first.placement("late").allowed()).isFalse();
    }

    @Test
    void anInstanceStartingWithAnotherClusterRateSetsIt() {
        RateLimiter old = limiter(1_000, 10, 1, WhenRedisDown.OPEN);
        IntStream.range(0, 10).forEach(i -> old.placement("u" + i));
        assertThat(old.placement("u-late").allowed()).isFalse();

        RateLimiter raised = limiter(1_000, 20, 1, WhenRedisDown.OPEN);

        assertThat(redis.client().getRateLimiter("orders:rate:placements:cluster").getConfig().getRate()).isEqualTo(20);
        assertThat(raised.placement("u-new").allowed()).isTrue();
    }

    @Test
    void withTheRedisBreakerOpenTheLimiterFailsOpenOrClosedAsConfigured() {
        breaker.transitionToForcedOpenState();

        assertThat(limiter(5, 1_000, 10, WhenRedisDown.OPEN).placement("fay").allowed()).isTrue();
        RateLimiter.Verdict closed = limiter(5, 1_000, 10, WhenRedisDown.CLOSED).placement("fay");
        assertThat(closed.allowed()).isFalse();
        assertThat(closed.unavailable()).isTrue();
    }

    @Test
    void withRedisDownAnInstanceAdmitsItsShareCountingWhatItAdmittedBefore() {
        RateLimiter limiter = limiter(6, 1_000, 10, WhenRedisDown.LOCAL);
        IntStream.range(0, 4).forEach(i -> assertThat(limiter.placement("gus").allowed()).isTrue());

        breaker.transitionToForcedOpenState();

        assertThat(IntStream.range(0, 10).mapToObj(i -> limiter.placement("gus")).filter(RateLimiter.Verdict::allowed))
                .as("6 per minute, 4 of them admitted while Redis answered").hasSize(2);
        RateLimiter.Verdict refused = limiter.placement("gus");
        assertThat(refused.unavailable()).isFalse();
        assertThat(refused.retryAfterSeconds()).as("a permit comes back every 10 s").isBetween(1L, 10L);
        RateLimiter half = limiter(6, 1_000, 10, WhenRedisDown.LOCAL, 0.5);
        assertThat(IntStream.range(0, 10).mapToObj(i -> half.placement("hal")).filter(RateLimiter.Verdict::allowed))
                .as("half of 6: one of two instances").hasSize(3);
    }
}
