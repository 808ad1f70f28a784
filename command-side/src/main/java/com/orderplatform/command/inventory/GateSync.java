package com.orderplatform.command.inventory;

import com.orderplatform.api.inventory.ProductDefinedEvent;
import com.orderplatform.api.inventory.ProductDetailsChangedEvent;
import com.orderplatform.api.inventory.ProductRestockedEvent;
import com.orderplatform.infra.gate.GateStock;
import com.orderplatform.infra.gate.StockGate;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/** Carries product definitions and restocks to the gate once they are committed to the ledger. */
@ProcessingGroup(CatalogProjector.GROUP)
class GateSync {

    private final StockGate gate;

    GateSync(StockGate gate) {
        this.gate = gate;
    }

    @EventHandler
    void on(ProductDefinedEvent event) {
        afterCommit(() -> gate.load(event.sku(), new GateStock(event.initialStock(), event.perUserLimit(), Map.of())));
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event) {
        afterCommit(() -> gate.adjust(event.sku(), 0, event.perUserLimit()));
    }

    @EventHandler
    void on(ProductRestockedEvent event) {
        afterCommit(() -> gate.adjust(event.sku(), event.quantity(), StockGate.KEEP_LIMIT));
    }

    private static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
