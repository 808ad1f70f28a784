package com.orderplatform.infra.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.orderplatform.infra.redis.RealRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RBatch;
import org.redisson.client.codec.StringCodec;

/** Node id leases against a real redis-server. */
class RedissonNodeLeaseIT {

    private static final Duration TTL = Duration.ofMillis(1500);
    private static final Duration RENEW = Duration.ofMillis(300);
    @RegisterExtension
    static final RealRedis redis = new RealRedis();

    private final List<RedissonNodeLease> leases = new ArrayList<>();

    @AfterEach
    void release() {
        leases.forEach(RedissonNodeLease::close);
    }

    private RedissonNodeLease lease() {
        RedissonNodeLease lease = new RedissonNodeLease(redis.client(), Clock.systemUTC(), TTL, RENEW);
        leases.add(lease);
        return lease;
    }

    @Test
    void fourGeneratorsWithTheirOwnLeasesIssueAMillionIdsEachWithoutADuplicate() {
        List<SnowflakeIdGenerator> generators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            generators.add(new SnowflakeIdGenerator(lease(), Clock.systemUTC(), 5));
        }

        List<long[]> issued = generators.stream()
                .map(generator -> CompletableFuture.supplyAsync(() -> {
                    long[] ids = new long[1_000_000];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = generator.nextId();
                    }
                    return ids;
                }))
                .toList().stream().map(CompletableFuture::join).toList();

        Set<Integer> nodes = new HashSet<>();
        for (long[] ids : issued) {
            for (int i = 1; i < ids.length; i++) {
                assertThat(ids[i]).isGreaterThan(ids[i - 1]);
            }
            nodes.add(SnowflakeIdGenerator.nodeOf(ids[0]));
        }
        assertThat(nodes).hasSize(4);
        long[] all = issued.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        assertThat(all).hasSize(4_000_000);
        for (int i = 1; i < all.length; i++) {
            assertThat(all[i]).isNotEqualTo(all[i - 1]);
        }
    }

    @Test
    void aDeletedLeaseStopsItsGeneratorWithinOneRenewalAndItRecovers() {
        RedissonNodeLease lease = lease();
        SnowflakeIdGenerator ids = new SnowflakeIdGenerator(lease, Clock.systemUTC(), 5);
        long before = ids.nextId();

        redis.client().getKeys().delete(RedissonNodeLease.leaseKey(lease.nodeId()));

        await().atMost(RENEW.multipliedBy(2)).until(() -> !lease.isUsable());
        assertThatThrownBy(ids::nextId).isInstanceOf(IdGenerationUnavailableException.class);
        await().atMost(TTL.multipliedBy(3)).until(lease::isUsable);
        assertThat(ids.nextId()).isGreaterThan(before);
    }

    @Test
    void anExpiredLeaseStopsItsGeneratorWithinOneRenewal() {
        RedissonNodeLease lease = lease();

        redis.client().getBucket(RedissonNodeLease.leaseKey(lease.nodeId())).expire(Duration.ofMillis(1));

        await().atMost(RENEW.multipliedBy(2)).until(() -> !lease.isUsable());
    }

    @Test
    void aNodeIdTakenOverIsNotUsedBeforeItsPreviousHolderCouldHaveIssuedItsLastId() {
        long previousHolderUntil = System.currentTimeMillis() + 2000;
        RBatch writes = redis.client().createBatch();
        for (int node = 0; node <= SnowflakeIdGenerator.MAX_NODE_ID; node++) {
            writes.getBucket(RedissonNodeLease.untilKey(node), StringCodec.INSTANCE)
                    .setAsync(Long.toString(previousHolderUntil));
        }
        writes.execute();

        RedissonNodeLease lease = lease();

        assertThat(lease.isUsable()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(lease::isUsable);
        assertThat(System.currentTimeMillis()).isGreaterThan(previousHolderUntil);
    }

    @Test
    void whenEveryNodeIdIsTakenStartUpFailsAndSaysSo() {
        for (int node = 0; node <= SnowflakeIdGenerator.MAX_NODE_ID; node++) {
            redis.client().getBucket(RedissonNodeLease.leaseKey(node), StringCodec.INSTANCE)
                    .set("someone-else", Duration.ofMinutes(1));
        }

        assertThatThrownBy(this::lease).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("All 1024 Snowflake node ids are leased");
    }

    @Test
    void aReleasedNodeIdCanBeLeasedAgain() {
        for (int node = 1; node <= SnowflakeIdGenerator.MAX_NODE_ID; node++) {
            redis.client().getBucket(RedissonNodeLease.leaseKey(node), StringCodec.INSTANCE)
                    .set("someone-else", Duration.ofMinutes(1));
        }
        RedissonNodeLease first = new RedissonNodeLease(redis.client(), Clock.systemUTC(), TTL, RENEW);
        first.close();

        RedissonNodeLease second = lease();

        assertThat(second.nodeId()).isZero();
        await().atMost(Duration.ofSeconds(2)).until(second::isUsable);
    }
}
