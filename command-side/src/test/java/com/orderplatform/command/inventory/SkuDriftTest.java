package com.orderplatform.command.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.infra.gate.GateStock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkuDriftTest {

    private static final GateStock LEDGER = new GateStock(7, 2, Map.of("u1", 2L, "u2", 1L));

    @Test
    void aGateThatAgreesWithTheLedgerIsInSync() {
        SkuDrift drift = SkuDrift.between("SKU-1", LEDGER, Optional.of(new GateStock(7, 2, Map.of("u2", 1L, "u1", 2L))));

        assertThat(drift).isEqualTo(new SkuDrift("SKU-1", 7, 7L, 0L, true, 0));
    }

    @Test
    void driftIsTheGateMinusTheLedger() {
        SkuDrift drift = SkuDrift.between("SKU-1", LEDGER, Optional.of(new GateStock(5, 2, LEDGER.heldPerUser())));

        assertThat(drift.drift()).isEqualTo(-2);
        assertThat(drift.inSync()).isFalse();
        assertThat(drift.usersDrifting()).isZero();
    }

    @Test
    void everyUserHoldingADifferentNumberCountsOnceWhicheverSideHoldsThem() {
        GateStock gate = new GateStock(7, 2, Map.of("u1", 1L, "u3", 1L, "u4", 0L));

        SkuDrift drift = SkuDrift.between("SKU-1", LEDGER, Optional.of(gate));

        // u1 differs, u2 is missing from the gate, u3 is missing from the ledger; u4 holds nothing on either side.
        assertThat(drift.usersDrifting()).isEqualTo(3);
        assertThat(drift.inSync()).isFalse();
    }

    @Test
    void aSkuTheGateHasNotLoadedIsNotInSyncAndHasNoGateNumbers() {
        SkuDrift drift = SkuDrift.between("SKU-1", LEDGER, Optional.empty());

        assertThat(drift).isEqualTo(new SkuDrift("SKU-1", 7, null, null, false, 0));
    }
}
