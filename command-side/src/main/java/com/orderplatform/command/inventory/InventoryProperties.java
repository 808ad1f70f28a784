package com.orderplatform.command.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code snapshotEvery}: a SKU's ledger is snapshotted every this many events at least (a hot SKU collects thousands
 * in a sale), and further apart as it grows ({@link LedgerSnapshotTriggerDefinition}). {@code cachedSkus}: ledgers kept
 * in memory between commands (least recently used leave first).
 */
@ConfigurationProperties("orders.inventory")
public record InventoryProperties(
        @DefaultValue("200") int snapshotEvery,
        @DefaultValue("10000") int cachedSkus) {
}
