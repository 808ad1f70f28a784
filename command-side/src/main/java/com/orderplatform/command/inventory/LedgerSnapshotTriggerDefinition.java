package com.orderplatform.command.inventory;

import com.orderplatform.api.inventory.ProductRestockedEvent;
import com.orderplatform.api.inventory.StockCommittedEvent;
import com.orderplatform.api.inventory.StockLevels;
import com.orderplatform.api.inventory.StockReleasedEvent;
import com.orderplatform.api.inventory.StockReservedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Snapshots a SKU's ledger once it has applied {@code max(every, units held / }{@value #HELD_UNITS_PER_EVENT}{@code )}
 * events since its last snapshot. A snapshot writes every holding of the ledger — a SKU that sold 100,000 units writes
 * 100,000 of them — so with a fixed interval each order paid more the more its SKU had sold. Spaced by the ledger's
 * size, a snapshot's share per event stays the same whatever the SKU sold, and a ledger read back from its snapshot
 * replays at most a {@value #HELD_UNITS_PER_EVENT}th of its size in events. Units held (reserved and sold) bound the
 * holdings, and every stock event carries them.
 */
final class LedgerSnapshotTriggerDefinition implements SnapshotTriggerDefinition {

    static final int HELD_UNITS_PER_EVENT = 4;

    private final Snapshotter snapshotter;
    private final int every;

    LedgerSnapshotTriggerDefinition(Snapshotter snapshotter, int every) {
        this.snapshotter = snapshotter;
        this.every = every;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, every);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger kept) {
            kept.setSnapshotter(snapshotter);
            return kept;
        }
        return prepareTrigger(aggregateType);
    }

    static final class Trigger extends AbstractSnapshotTrigger {

        private static final long serialVersionUID = 1L;

        private final int every;
        private long held;
        private int counter;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int every) {
            super(snapshotter, aggregateType);
            this.every = every;
        }

        @Override
        public void eventHandled(EventMessage<?> event) {
            StockLevels levels = levelsOf(event.getPayload());
            if (levels != null) {
                held = levels.reserved() + levels.sold();
            }
            super.eventHandled(event);
        }

        /** Events the ledger applies between two snapshots, at its current size. */
        long interval() {
            return Math.max(every, held / HELD_UNITS_PER_EVENT);
        }

        @Override
        protected boolean exceedsThreshold() {
            return ++counter >= interval();
        }

        @Override
        protected void reset() {
            counter = 0;
        }

        private static StockLevels levelsOf(Object payload) {
            if (payload instanceof StockReservedEvent reserved) {
                return reserved.levels();
            }
            if (payload instanceof StockCommittedEvent committed) {
                return committed.levels();
            }
            if (payload instanceof StockReleasedEvent released) {
                return released.levels();
            }
            if (payload instanceof ProductRestockedEvent restocked) {
                return restocked.levels();
            }
            return null;
        }
    }
}
