package com.orderplatform.command.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.api.inventory.StockLevels;
import com.orderplatform.api.inventory.StockReservedEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;

class LedgerSnapshotTriggerDefinitionTest {

    private static final String SKU = "SKU-1";

    private final List<String> snapshots = new ArrayList<>();
    private final Snapshotter snapshotter = (type, id) -> snapshots.add(id);
    private long sequence;

    private void reserveUnit(SnapshotTrigger trigger, long heldBefore) {
        StockLevels levels = new StockLevels(1_000_000 - heldBefore - 1, 1, heldBefore);
        trigger.eventHandled(new GenericDomainEventMessage<>("InventoryItem", SKU, sequence++,
                new StockReservedEvent(SKU, "order-" + sequence, "user-1", 1, levels)));
    }

    private int eventsUntilSnapshot(SnapshotTrigger trigger, long held) {
        int before = snapshots.size();
        for (int events = 1; events <= 1_000_000; events++) {
            reserveUnit(trigger, held);
            if (snapshots.size() > before) {
                return events;
            }
        }
        throw new AssertionError("no snapshot");
    }

    @Test
    void aLedgerHoldingFewUnitsIsSnapshottedEveryGivenNumberOfEvents() {
        SnapshotTrigger trigger = new LedgerSnapshotTriggerDefinition(snapshotter, 200).prepareTrigger(InventoryItem.class);
        trigger.initializationFinished();

        assertThat(eventsUntilSnapshot(trigger, 10)).isEqualTo(200);
        assertThat(eventsUntilSnapshot(trigger, 10)).isEqualTo(200);
        assertThat(snapshots).containsExactly(SKU, SKU);
    }

    @Test
    void aLedgerHoldingAHundredThousandUnitsIsSnapshottedEveryQuarterOfItsSize() {
        SnapshotTrigger trigger = new LedgerSnapshotTriggerDefinition(snapshotter, 200).prepareTrigger(InventoryItem.class);
        trigger.initializationFinished();

        assertThat(eventsUntilSnapshot(trigger, 99_999)).isEqualTo(25_000);
    }

    @Test
    void aTriggerKeptWithACachedLedgerSnapshotsThroughTheCurrentSnapshotter() {
        SnapshotTrigger kept = new LedgerSnapshotTriggerDefinition((type, id) -> { }, 1).prepareTrigger(InventoryItem.class);
        kept.initializationFinished();
        SnapshotTrigger reconfigured = new LedgerSnapshotTriggerDefinition(snapshotter, 1)
                .reconfigure(InventoryItem.class, kept);

        reserveUnit(reconfigured, 0);

        assertThat(reconfigured).isSameAs(kept);
        assertThat(snapshots).containsExactly(SKU);
    }
}
