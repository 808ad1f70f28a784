package com.orderplatform.command.inventory;

import com.orderplatform.infra.gate.GateStock;
import com.orderplatform.infra.gate.StockGate;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Compares the gate with the ledger per SKU, and rebuilds a SKU's gate on request. */
@RestController
@RequestMapping("/api/admin/gate")
class GateAdminController {

    private final CatalogRepository catalog;
    private final StockGate gate;
    private final GateKeeper keeper;

    GateAdminController(CatalogRepository catalog, StockGate gate, GateKeeper keeper) {
        this.catalog = catalog;
        this.gate = gate;
        this.keeper = keeper;
    }

    @GetMapping("/reconciliation")
    List<SkuDrift> reconciliation() {
        return catalog.findAll().stream().map(product -> drift(product.sku())).toList();
    }

    @PostMapping("/{sku}/rebuild")
    ResponseEntity<SkuDrift> rebuild(@PathVariable String sku) {
        if (!catalog.existsById(sku)) {
            return ResponseEntity.notFound().build();
        }
        keeper.rebuild(sku, true);
        return ResponseEntity.accepted().body(drift(sku));
    }

    private SkuDrift drift(String sku) {
        GateStock ledger = keeper.ledger(sku);
        Optional<GateStock> loaded = gate.read(sku);
        if (loaded.isEmpty()) {
            return new SkuDrift(sku, ledger.available(), null, null, false, 0);
        }
        GateStock cached = loaded.get();
        long usersDrifting = ledger.heldPerUser().entrySet().stream()
                .filter(e -> !e.getValue().equals(cached.heldPerUser().getOrDefault(e.getKey(), 0L)))
                .count()
                + cached.heldPerUser().keySet().stream().filter(u -> !ledger.heldPerUser().containsKey(u)).count();
        long drift = cached.available() - ledger.available();
        return new SkuDrift(sku, ledger.available(), cached.available(), drift, drift == 0 && usersDrifting == 0,
                usersDrifting);
    }

    /** {@code drift} = gate − ledger; orders admitted but not yet reserved in the ledger show as a brief negative drift. */
    record SkuDrift(String sku, long ledgerAvailable, Long gateAvailable, Long drift, boolean inSync, long usersDrifting) {
    }
}
