package com.orderplatform.command.inventory;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.command.catalog.CatalogRepository;
import com.orderplatform.infra.gate.StockGate;
import com.orderplatform.infra.security.AdminOnly;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Compares the gate with the ledger per SKU, and rebuilds a SKU's gate on request. */
@AdminOnly
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
            throw RuleViolation.notFound("PRODUCT_NOT_FOUND", "No product " + sku + ".");
        }
        keeper.rebuild(sku, true);
        return ResponseEntity.accepted().body(drift(sku));
    }

    private SkuDrift drift(String sku) {
        return SkuDrift.between(sku, keeper.ledger(sku), gate.read(sku));
    }
}
