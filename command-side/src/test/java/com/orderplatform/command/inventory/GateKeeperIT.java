package com.orderplatform.command.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.command.placement.StockAdmission.Admission;
import com.orderplatform.infra.gate.GateStock;
import com.orderplatform.infra.gate.RedisLuaStockGate;
import com.orderplatform.infra.gate.StockGate;
import com.orderplatform.infra.redis.RealRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.NoTransactionManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stock admission over the real Lua gate: the gate's answers as admission outcomes, and the sold-out flag (what the
 * gate said a moment ago lets the next buyers be refused at once).
 */
class GateKeeperIT {

    private static final String SKU = "SKU-1";

    @RegisterExtension
    static final RealRedis redis = new RealRedis();

    private StockGate gate;

    @BeforeEach
    void freshGate() {
        gate = new RedisLuaStockGate(redis.client(), Duration.ofDays(1));
    }

    private GateKeeper keeper(Duration soldOutFor, long units) {
        GateKeeper keeper = new GateKeeper(gate, null, null, new SoldOutFlags(soldOutFor), NoTransactionManager.INSTANCE);
        keeper.load(SKU, new GateStock(units, 0, Map.of()));
        return keeper;
    }

    /** Takes the SKU's only unit for o1 and has the next buyer refused, which raises the flag. */
    private GateKeeper soldOut(Duration soldOutFor) {
        GateKeeper keeper = keeper(soldOutFor, 1);
        keeper.admit("o1", "u1", Map.of(SKU, 1));
        keeper.admit("o2", "u2", Map.of(SKU, 1));
        return keeper;
    }

    @Test
    void anOrderPastThePerCustomerLimitIsRefusedNamingItsSkuWithoutRaisingTheFlag() {
        GateKeeper keeper = new GateKeeper(gate, null, null, new SoldOutFlags(Duration.ofMinutes(1)), NoTransactionManager.INSTANCE);
        keeper.load(SKU, new GateStock(10, 2, Map.of()));
        keeper.admit("o1", "u1", Map.of(SKU, 2));

        assertThat(keeper.admit("o2", "u1", Map.of(SKU, 1))).isEqualTo(Admission.limitExceeded(SKU));
        assertThat(keeper.admit("o3", "u2", Map.of(SKU, 2))).isEqualTo(Admission.admitted());
        assertThat(keeper.knownSoldOut(SKU)).isFalse();
    }

    @Test
    void theSameOrderAdmittedTwiceTakesItsUnitsOnce() {
        GateKeeper keeper = keeper(Duration.ofMinutes(1), 1);

        assertThat(keeper.admit("o1", "u1", Map.of(SKU, 1))).isEqualTo(Admission.admitted());
        assertThat(keeper.admit("o1", "u1", Map.of(SKU, 1))).isEqualTo(Admission.admitted());
        assertThat(keeper.admit("o2", "u2", Map.of(SKU, 1))).isEqualTo(Admission.soldOut(SKU));
    }

    @Test
    void aRefusalBecauseNoUnitIsLeftRaisesTheFlag() {
        GateKeeper keeper = keeper(Duration.ofMinutes(1), 1);

        assertThat(keeper.admit("o1", "u1", Map.of(SKU, 1))).isEqualTo(Admission.admitted());
        assertThat(keeper.knownSoldOut(SKU)).isFalse();
        assertThat(keeper.admit("o2", "u2", Map.of(SKU, 1))).isEqualTo(Admission.soldOut(SKU));

        assertThat(keeper.knownSoldOut(SKU)).isTrue();
    }

    @Test
    void aSkuWithUnitsLeftIsNotFlaggedWhenARequestAskedForMore() {
        GateKeeper keeper = keeper(Duration.ofMinutes(1), 1);

        assertThat(keeper.admit("o1", "u1", Map.of(SKU, 2))).isEqualTo(Admission.soldOut(SKU));

        assertThat(keeper.knownSoldOut(SKU)).isFalse();
    }

    @Test
    void unitsGivenBackThroughThisInstanceLowerTheFlagAtOnce() {
        GateKeeper keeper = soldOut(Duration.ofMinutes(1));

        keeper.release("o1", List.of(SKU));

        assertThat(keeper.knownSoldOut(SKU)).isFalse();
        assertThat(keeper.admit("o3", "u3", Map.of(SKU, 1))).isEqualTo(Admission.admitted());
    }

    @Test
    void aRestockLowersTheFlag() {
        GateKeeper keeper = soldOut(Duration.ofMinutes(1));

        keeper.adjust(SKU, 5, StockGate.KEEP_LIMIT);

        assertThat(keeper.knownSoldOut(SKU)).isFalse();
    }

    @Test
    void theFlagExpiresSoThatAnotherInstancesReleaseIsSeen() throws InterruptedException {
        GateKeeper keeper = soldOut(Duration.ofSeconds(2));
        gate.release("o1", List.of(SKU)); // as another instance would: this one's flag is not lowered

        assertThat(keeper.knownSoldOut(SKU)).isTrue();
        Thread.sleep(2_500);

        assertThat(keeper.knownSoldOut(SKU)).isFalse();
    }
}
