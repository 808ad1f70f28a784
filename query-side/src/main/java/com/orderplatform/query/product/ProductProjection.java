package com.orderplatform.query.product;

import com.orderplatform.api.inventory.FindProductQuery;
import com.orderplatform.api.inventory.ProductDefinedEvent;
import com.orderplatform.api.inventory.ProductDetailsChangedEvent;
import com.orderplatform.api.inventory.ProductRestockedEvent;
import com.orderplatform.api.inventory.ProductView;
import com.orderplatform.api.inventory.StockCommittedEvent;
import com.orderplatform.api.inventory.StockLevels;
import com.orderplatform.api.inventory.StockReleasedEvent;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.infra.axon.ViewUpdates;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;

/** Stock per SKU. Events carry absolute levels and the view keeps the last sequence applied: redelivery is harmless. */
@ProcessingGroup(ProductProjection.GROUP)
class ProductProjection {

    static final String GROUP = "product-view";

    private final ProductViewRepository products;
    private final ViewUpdates changes;

    ProductProjection(ProductViewRepository products, ViewUpdates changes) {
        this.products = products;
        this.changes = changes;
    }

    @EventHandler
    void on(ProductDefinedEvent event, @SequenceNumber long sequence) {
        changes.apply(GROUP, () -> defined(event, sequence));
    }

    private void defined(ProductDefinedEvent event, long sequence) {
        ProductViewEntity view = products.findById(event.sku()).orElse(null);
        if (view == null) {
            view = new ProductViewEntity(event.sku(), sequence);
        } else if (view.toRebuild()) {
            view.advance(sequence);
        } else {
            return;
        }
        view.details(event.name(), event.priceCents(), event.currency(), event.perUserLimit());
        view.levels(new StockLevels(event.initialStock(), 0, 0));
        products.save(view);
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event, @SequenceNumber long sequence) {
        update(event.sku(), sequence,
                view -> view.details(event.name(), event.priceCents(), event.currency(), event.perUserLimit()));
    }

    @EventHandler
    void on(ProductRestockedEvent event, @SequenceNumber long sequence) {
        update(event.sku(), sequence, view -> view.levels(event.levels()));
    }

    @EventHandler
    void on(StockReservedEvent event, @SequenceNumber long sequence) {
        update(event.sku(), sequence, view -> view.levels(event.levels()));
    }

    @EventHandler
    void on(StockCommittedEvent event, @SequenceNumber long sequence) {
        update(event.sku(), sequence, view -> view.levels(event.levels()));
    }

    @EventHandler
    void on(StockReleasedEvent event, @SequenceNumber long sequence) {
        update(event.sku(), sequence, view -> view.levels(event.levels()));
    }

    /** A replay rebuilds every product's view in place, as the order view does: queries keep being answered. */
    @ResetHandler
    void reset() {
        products.keepAllToRebuild();
    }

    @QueryHandler
    Optional<ProductView> handle(FindProductQuery query) {
        return products.findById(query.sku()).map(ProductViewEntity::toView);
    }

    /** Applies a later event of the SKU to its view; a missing view is a failure (dead-lettered), as for orders. */
    private void update(String sku, long sequence, Consumer<ProductViewEntity> change) {
        changes.apply(GROUP, () -> {
            ProductViewEntity view = products.findById(sku).orElseThrow(() -> new IllegalStateException(
                    "no view of product " + sku + " to apply its event #" + sequence + " to"));
            if (view.advance(sequence)) {
                change.accept(view);
                products.save(view);
            }
        });
    }
}
