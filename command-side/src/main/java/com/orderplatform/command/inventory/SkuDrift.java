package com.orderplatform.command.inventory;

import com.orderplatform.infra.gate.GateStock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How far the gate's numbers for a SKU are from the ledger's. {@code drift} = gate − ledger available units (orders
 * admitted but not yet reserved in the ledger show as a brief negative drift); {@code usersDrifting} counts the
 * customers whose units held differ. A SKU the gate has not loaded has no gate numbers and is not in sync.
 */
record SkuDrift(String sku, long ledgerAvailable, Long gateAvailable, Long drift, boolean inSync, long usersDrifting) {

    static SkuDrift between(String sku, GateStock ledger, Optional<GateStock> gate) {
        if (gate.isEmpty()) {
            return new SkuDrift(sku, ledger.available(), null, null, false, 0);
        }
        GateStock cached = gate.get();
        long usersDrifting = differingKeys(ledger.heldPerUser(), cached.heldPerUser());
        long drift = cached.available() - ledger.available();
        return new SkuDrift(sku, ledger.available(), cached.available(), drift, drift == 0 && usersDrifting == 0,
                usersDrifting);
    }

    /** Users held in either map whose numbers differ, a user missing from one counting as holding 0 there. */
    private static long differingKeys(Map<String, Long> ledger, Map<String, Long> gate) {
        long differing = ledger.entrySet().stream()
                .filter(held -> !held.getValue().equals(gate.getOrDefault(held.getKey(), 0L)))
                .count();
        return differing + gate.entrySet().stream()
                .filter(held -> !ledger.containsKey(held.getKey()) && !Objects.equals(held.getValue(), 0L))
                .count();
    }
}
