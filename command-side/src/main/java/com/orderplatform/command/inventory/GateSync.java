package com.orderplatform.command.inventory;

import com.orderplatform.api.inventory.ProductDefinedEvent;
import com.orderplatform.api.inventory.ProductDetailsChangedEvent;
import com.orderplatform.api.inventory.ProductRestockedEvent;
import com.orderplatform.command.catalog.AfterCommit;
import com.orderplatform.command.catalog.CatalogProjector;
import com.orderplatform.infra.gate.GateStock;
import com.orderplatform.infra.gate.StockGate;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/** Carries product definitions and restocks to the gate once they are committed to the ledger. */
@ProcessingGroup(CatalogProjector.GROUP)
class GateSync {

    private final GateKeeper gate;

    GateSync(GateKeeper gate) {
        this.gate = gate;
    }

    @EventHandler
    void on(ProductDefinedEvent event) {
        AfterCommit.run(() -> gate.load(event.sku(), new GateStock(event.initialStock(), event.perUserLimit(), Map.of())));
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event) {
        AfterCommit.run(() -> gate.adjust(event.sku(), 0, event.perUserLimit()));
    }

    @EventHandler
    void on(ProductRestockedEvent event) {
        AfterCommit.run(() -> gate.adjust(event.sku(), event.quantity(), StockGate.KEEP_LIMIT));
    }
}
