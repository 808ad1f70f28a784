package com.orderplatform.command.inventory;

import com.orderplatform.api.inventory.ProductDefinedEvent;
import com.orderplatform.api.inventory.ProductDetailsChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/** Runs in a subscribing processor: the catalog row commits with the event that changed it. */
@ProcessingGroup(CatalogProjector.GROUP)
class CatalogProjector {

    static final String GROUP = "catalog";

    private final CatalogRepository catalog;

    CatalogProjector(CatalogRepository catalog) {
        this.catalog = catalog;
    }

    @EventHandler
    void on(ProductDefinedEvent event) {
        catalog.save(new CatalogEntry(event.sku(), event.name(), event.priceCents(), event.currency(),
                event.perUserLimit()));
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event) {
        catalog.findById(event.sku()).ifPresent(entry -> {
            entry.update(event.name(), event.priceCents(), event.currency(), event.perUserLimit());
            catalog.save(entry);
        });
    }
}
