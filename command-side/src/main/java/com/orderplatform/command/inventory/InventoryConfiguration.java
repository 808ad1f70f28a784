package com.orderplatform.command.inventory;

import com.orderplatform.infra.gate.StockGate;
import com.orderplatform.infra.locks.DistributedLocks;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = CatalogRepository.class)
@Import({InventoryItem.class, ProductAdminController.class, GateAdminController.class})
public class InventoryConfiguration {

    /** A hot SKU collects thousands of events in a sale; snapshots keep loading it cheap. */
    @Bean
    SnapshotTriggerDefinition inventorySnapshotTrigger(
            Snapshotter snapshotter, @Value("${orders.inventory.snapshot-every:200}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Keeps hot SKUs in memory between commands. With several instances a stale copy cannot win: its append
     * fails on the event store's (aggregate id, sequence) key and the unit of work rolls back.
     */
    @Bean
    Cache inventoryCache() {
        return new WeakReferenceCache();
    }

    @Bean
    StockLedger stockLedger(@Lazy @Qualifier("inventoryItemRepository") Repository<InventoryItem> items) {
        return new StockLedger(items);
    }

    @Bean
    CatalogProjector catalogProjector(CatalogRepository catalog) {
        return new CatalogProjector(catalog);
    }

    @Bean
    GateKeeper gateKeeper(StockGate gate, DistributedLocks locks,
                          @Lazy @Qualifier("inventoryItemRepository") Repository<InventoryItem> items) {
        return new GateKeeper(gate, locks, items);
    }

    @Bean
    GateSync gateSync(StockGate gate) {
        return new GateSync(gate);
    }
}
