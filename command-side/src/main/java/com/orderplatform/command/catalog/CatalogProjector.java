package com.orderplatform.command.catalog;

import com.orderplatform.api.inventory.ProductDefinedEvent;
import com.orderplatform.api.inventory.ProductDetailsChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the catalogue table: runs in a subscribing processor, so the row commits with the event that changed it.
 */
@ProcessingGroup(CatalogProjector.GROUP)
public class CatalogProjector {

    public static final String GROUP = "catalog";

    private final CatalogRepository table;
    private final Catalog catalog;

    CatalogProjector(CatalogRepository table, Catalog catalog) {
        this.table = table;
        this.catalog = catalog;
    }

    @EventHandler
    void on(ProductDefinedEvent event) {
        table.save(new CatalogEntry(event.sku(), event.name(), event.priceCents(), event.currency(),
                event.perUserLimit()));
        AfterCommit.run(() -> catalog.changed(event.sku()));
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event) {
        table.findById(event.sku()).ifPresent(entry -> {
            entry.update(event.name(), event.priceCents(), event.currency(), event.perUserLimit());
            table.save(entry);
        });
        AfterCommit.run(() -> catalog.changed(event.sku()));
    }
}
