package com.orderplatform.command.inventory;

import com.orderplatform.infra.axon.AggregateLocks;
import com.orderplatform.infra.axon.BoundedCache;
import com.orderplatform.infra.gate.GateProperties;
import com.orderplatform.infra.gate.StockGate;
import com.orderplatform.infra.locks.DistributedLocks;
import java.time.Clock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
@Import({InventoryItem.class, ProductAdminController.class, GateAdminController.class})
public class InventoryConfiguration {

    /** A hot SKU collects thousands of events in a sale; snapshots, spaced by the ledger's size, keep loading it cheap. */
    @Bean
    SnapshotTriggerDefinition inventorySnapshotTrigger(
            Snapshotter snapshotter, InventoryProperties properties) {
        return new LedgerSnapshotTriggerDefinition(snapshotter, properties.snapshotEvery());
    }

    /** Keeps the ledger of every SKU in memory between commands. */
    @Bean
    BoundedCache inventoryCache(InventoryProperties properties) {
        return new BoundedCache(properties.cachedSkus());
    }

    /** Locks the aggregate while a command changes it; across processes on PostgreSQL ({@link AggregateLocks}). */
    @Bean(AggregateLocks.SKU_LOCKS)
    LockFactory inventoryLocks(JdbcTemplate jdbc, EventStorageEngine events, @Qualifier("inventoryCache") BoundedCache cache) {
        return AggregateLocks.forDatabase(jdbc, events, cache);
    }

    @Bean
    StockLedger stockLedger(@Lazy @Qualifier("inventoryItemRepository") Repository<InventoryItem> items) {
        return new StockLedger(items);
    }

    @Bean
    GateKeeper gateKeeper(StockGate gate, DistributedLocks locks,
                          @Lazy @Qualifier("inventoryItemRepository") Repository<InventoryItem> items,
                          GateProperties properties, TransactionManager transactions) {
        return new GateKeeper(gate, locks, items, new SoldOutFlags(properties.soldOutFor()), transactions);
    }

    /** Gives back the gate's units of placements that died before storing their order. */
    @Bean
    GateHealer gateHealer(StockGate gate, JdbcTemplate jdbc, Clock clock, GateProperties properties) {
        return new GateHealer(gate, jdbc, clock, properties.healAfter(), properties.healEvery());
    }

    @Bean
    GateSync gateSync(GateKeeper gateKeeper) {
        return new GateSync(gateKeeper);
    }
}
