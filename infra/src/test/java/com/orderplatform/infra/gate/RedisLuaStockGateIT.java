package com.orderplatform.infra.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.infra.gate.GateResult.Outcome;
import com.orderplatform.infra.redis.RealRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gate's Lua scripts against a real redis-server. */
class RedisLuaStockGateIT {

    @RegisterExtension
    static final RealRedis redis = new RealRedis(64);

    private RedisLuaStockGate gate;

    @BeforeEach
    void freshGate() {
        gate = new RedisLuaStockGate(redis.client(), Duration.ofDays(1));
    }

    private static Map<String, Integer> lines(Object... skuAndQuantity) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            lines.put((String) skuAndQuantity[i], (Integer) skuAndQuantity[i + 1]);
        }
        return lines;
    }

    private long available(String sku) {
        return gate.read(sku).orElseThrow().available();
    }

    @Test
    void reservesAndCountsTheUsersUnits() {
        gate.load("A", new GateStock(10, 3, Map.of()));

        assertThat(gate.reserve("o1", "u1", lines("A", 2)).outcome()).isEqualTo(Outcome.RESERVED);

        assertThat(available("A")).isEqualTo(8);
        assertThat(gate.read("A").orElseThrow().heldPerUser()).containsEntry("u1", 2L);
    }

    @Test
    void concurrentReservesNeverSellMoreThanTheStock() throws Exception {
        gate.load("A", new GateStock(50, 0, Map.of()));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Callable<GateResult>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String order = "o" + i;
            calls.add(() -> gate.reserve(order, "u" + (order.hashCode() % 97), lines("A", 1)));
        }
        long reserved = 0;
        long soldOut = 0;
        for (Future<GateResult> result : pool.invokeAll(calls)) {
            Outcome outcome = result.get().outcome();
            reserved += outcome == Outcome.RESERVED ? 1 : 0;
            soldOut += outcome == Outcome.SOLD_OUT ? 1 : 0;
        }
        pool.shutdown();

        assertThat(reserved).isEqualTo(50);
        assertThat(soldOut).isEqualTo(350);
        assertThat(available("A")).isZero();
    }

    @Test
    void aRetriedReserveWithTheSameOrderIdNeverDeductsTwice() {
        gate.load("A", new GateStock(10, 0, Map.of()));
        gate.reserve("o1", "u1", lines("A", 2));

        GateResult retry = gate.reserve("o1", "u1", lines("A", 2));

        assertThat(retry.outcome()).isEqualTo(Outcome.ALREADY_HANDLED);
        assertThat(available("A")).isEqualTo(8);
    }

    @Test
    void releasingTwiceGivesTheUnitsBackOnce() {
        gate.load("A", new GateStock(10, 2, Map.of()));
        gate.reserve("o1", "u1", lines("A", 2));

        gate.release("o1", List.of("A"));
        gate.release("o1", List.of("A"));

        assertThat(available("A")).isEqualTo(10);
        assertThat(gate.read("A").orElseThrow().heldPerUser()).doesNotContainKey("u1");
    }

    @Test
    void aReleasedOrderIsNotReservedAgain() {
        gate.load("A", new GateStock(10, 0, Map.of()));
        gate.reserve("o1", "u1", lines("A", 2));
        gate.release("o1", List.of("A"));

        assertThat(gate.reserve("o1", "u1", lines("A", 2)).outcome()).isEqualTo(Outcome.ALREADY_HANDLED);
        assertThat(available("A")).isEqualTo(10);
    }

    @Test
    void anUnstoredOrderGivesItsUnitsBackToAGateLoadedBeforeItsReservation() {
        gate.load("A", new GateStock(10, 3, Map.of()));
        gate.reserve("dead", "u1", lines("A", 2));

        gate.releaseUnstored("dead", List.of("A"));

        assertThat(available("A")).isEqualTo(10);
        assertThat(gate.read("A").orElseThrow().heldPerUser()).doesNotContainKey("u1");
    }

    /** The ledger never held a dead placement's units: a gate rebuilt from it since counts them as available. */
    @Test
    void anUnstoredOrderGivesNothingBackToAGateRebuiltAfterItsReservation() {
        gate.load("A", new GateStock(10, 3, Map.of()));
        gate.reserve("dead", "u1", lines("A", 2));
        gate.load("A", new GateStock(10, 3, Map.of()));

        gate.releaseUnstored("dead", List.of("A"));

        assertThat(available("A")).isEqualTo(10);
        assertThat(gate.read("A").orElseThrow().heldPerUser()).doesNotContainKey("u1");
        assertThat(gate.pendingBefore(java.time.Instant.now().plusSeconds(60), 10)).doesNotContain("dead");
    }

    /** A stored order's units were in the ledger when it was rebuilt: they come back on release as always. */
    @Test
    void aStoredOrderGivesItsUnitsBackEvenToAGateRebuiltAfterItsReservation() {
        gate.load("A", new GateStock(10, 3, Map.of()));
        gate.reserve("kept", "u1", lines("A", 2));
        gate.load("A", new GateStock(8, 3, Map.of("u1", 2L)));

        gate.release("kept", List.of("A"));

        assertThat(available("A")).isEqualTo(10);
    }

    @Test
    void releasingAnOrderTheGateNeverSawChangesNothing() {
        gate.load("A", new GateStock(10, 0, Map.of()));

        gate.release("unknown", List.of("A"));
        assertThat(available("A")).isEqualTo(10);
    }

    @Test
    void aMultiLineOrderIsReservedWhole() {
        gate.load("A", new GateStock(5, 0, Map.of()));
        gate.load("B", new GateStock(5, 0, Map.of()));

        assertThat(gate.reserve("o1", "u1", lines("A", 2, "B", 3)).outcome()).isEqualTo(Outcome.RESERVED);
        assertThat(available("A")).isEqualTo(3);
        assertThat(available("B")).isEqualTo(2);
    }

    @Test
    void aMultiLineOrderWithOneSoldOutLineReservesNothing() {
        gate.load("A", new GateStock(5, 0, Map.of()));
        gate.load("B", new GateStock(1, 0, Map.of()));

        GateResult result = gate.reserve("o1", "u1", lines("A", 2, "B", 3));

        assertThat(result).isEqualTo(new GateResult(Outcome.SOLD_OUT, "B", 1));
        assertThat(available("A")).isEqualTo(5);
        assertThat(available("B")).isEqualTo(1);
        assertThat(gate.reserve("o1", "u1", lines("A", 2)).outcome()).isEqualTo(Outcome.RESERVED);
    }

    @Test
    void theLimitAllowsExactlyItsNumberOfUnits() {
        gate.load("A", new GateStock(10, 2, Map.of()));

        assertThat(gate.reserve("o1", "u1", lines("A", 1)).outcome()).isEqualTo(Outcome.RESERVED);
        assertThat(gate.reserve("o2", "u1", lines("A", 1)).outcome()).isEqualTo(Outcome.RESERVED);
        assertThat(gate.reserve("o3", "u1", lines("A", 1))).isEqualTo(new GateResult(Outcome.LIMIT_EXCEEDED, "A"));
        assertThat(gate.reserve("o4", "u2", lines("A", 2)).outcome()).isEqualTo(Outcome.RESERVED);
        assertThat(available("A")).isEqualTo(6);
    }

    @Test
    void anOrderOverTheLimitInOneGoIsRefused() {
        gate.load("A", new GateStock(10, 2, Map.of("u1", 0L)));

        assertThat(gate.reserve("o1", "u1", lines("A", 3)).outcome()).isEqualTo(Outcome.LIMIT_EXCEEDED);
        assertThat(available("A")).isEqualTo(10);
    }

    @Test
    void unitsHeldBeforeARebuildStillCountTowardsTheLimit() {
        gate.load("A", new GateStock(10, 2, Map.of("u1", 2L)));

        assertThat(gate.reserve("o1", "u1", lines("A", 1)).outcome()).isEqualTo(Outcome.LIMIT_EXCEEDED);
    }

    @Test
    void anUnloadedSkuAsksForARebuild() {
        assertThat(gate.reserve("o1", "u1", lines("A", 1))).isEqualTo(new GateResult(Outcome.NOT_LOADED, "A"));
        assertThat(gate.read("A")).isEmpty();
    }

    @Test
    void adjustingALoadedSkuChangesItsStockAndLimit() {
        gate.load("A", new GateStock(10, 2, Map.of()));

        gate.adjust("A", 5, 4);
        gate.adjust("B", 5, 4);

        assertThat(gate.read("A").orElseThrow()).isEqualTo(new GateStock(15, 4, Map.of()));
        assertThat(gate.read("B")).isEmpty();
    }

    @Test
    void survivesRedisForgettingItsScripts() {
        gate.load("A", new GateStock(10, 0, Map.of()));
        gate.reserve("o1", "u1", lines("A", 1));
        redis.client().getScript().scriptFlush();

        assertThat(gate.reserve("o2", "u1", lines("A", 1)).outcome()).isEqualTo(Outcome.RESERVED);
        assertThat(available("A")).isEqualTo(8);
    }
}
