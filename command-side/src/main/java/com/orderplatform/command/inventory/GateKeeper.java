package com.orderplatform.command.inventory;

import com.orderplatform.api.inventory.ReleaseGateReservationCommand;
import com.orderplatform.command.placement.StockAdmission;
import com.orderplatform.infra.gate.GateResult;
import com.orderplatform.infra.gate.GateStock;
import com.orderplatform.infra.gate.StockGate;
import com.orderplatform.infra.locks.DistributedLocks;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command side's use of the Redis gate, and placement's stock admission: reserve at ingress, rebuild a SKU from the ledger when Redis has
 * lost it (under a lock, so one instance rebuilds while the others wait), release what a cancelled order took, and
 * remember which SKUs the gate found empty so the next buyers are refused before any lookup.
 */
public class GateKeeper implements StockAdmission {

    private static final Logger log = LoggerFactory.getLogger(GateKeeper.class);
    private static final Duration REBUILD_WAIT = Duration.ofSeconds(5);

    private final StockGate gate;
    private final DistributedLocks locks;
    private final Repository<InventoryItem> items;
    private final SoldOutFlags soldOut;
    private final TransactionManager transactions;

    GateKeeper(StockGate gate, DistributedLocks locks, Repository<InventoryItem> items, SoldOutFlags soldOut,
               TransactionManager transactions) {
        this.gate = gate;
        this.locks = locks;
        this.items = items;
        this.soldOut = soldOut;
        this.transactions = transactions;
    }

    /** True when the gate found the SKU empty a moment ago: a request for it can be refused as sold out at once. */
    @Override
    public boolean knownSoldOut(String sku) {
        return soldOut.isRaised(sku);
    }

    @Override
    public boolean anyKnownSoldOut() {
        return soldOut.anyRaised();
    }

    @Override
    public Admission admit(String orderId, String userId, Map<String, Integer> quantities) {
        GateResult result = gate.reserve(orderId, userId, quantities);
        for (int rebuilt = 0; result.outcome() == GateResult.Outcome.NOT_LOADED && rebuilt < quantities.size(); rebuilt++) {
            rebuild(result.sku(), false);
            result = gate.reserve(orderId, userId, quantities);
        }
        if (result.emptied()) {
            soldOut.raise(result.sku());
        }
        return switch (result.outcome()) {
            case RESERVED -> Admission.admitted();
            // This order's units were taken by an earlier call with its id.
            case ALREADY_HANDLED -> Admission.admitted();
            // Redis is unreachable (breaker open) or a SKU could not be loaded even after rebuilding it from the
            // ledger: the gate cannot tell, so the order goes on and the ledger decides when the saga reserves.
            case BYPASSED, NOT_LOADED -> Admission.admitted();
            case SOLD_OUT -> Admission.soldOut(result.sku());
            case LIMIT_EXCEEDED -> Admission.limitExceeded(result.sku());
        };
    }

    /** Gives the order's units back to the gate: a placement that was not stored, or a cancelled order. */
    @Override
    public void release(String orderId, Collection<String> skus) {
        gate.release(orderId, skus);
        skus.forEach(soldOut::lower);
    }

    void load(String sku, GateStock stock) {
        gate.load(sku, stock);
        soldOut.lower(sku);
    }

    void adjust(String sku, long delta, int perUserLimit) {
        gate.adjust(sku, delta, perUserLimit);
        soldOut.lower(sku);
    }

    /** Loads the SKU's numbers from the ledger; unless forced, only if no other instance did it meanwhile. */
    public GateStock rebuild(String sku, boolean force) {
        return locks.withLock("gate-rebuild:" + sku, REBUILD_WAIT, () -> {
            if (!force) {
                var loaded = gate.read(sku);
                if (loaded.isPresent()) {
                    return loaded.get();
                }
            }
            GateStock ledger = ledger(sku);
            load(sku, ledger);
            log.info("Stock gate for {} rebuilt from the ledger: {} available", sku, ledger.available());
            return ledger;
        });
    }

    /**
     * The ledger's numbers for the SKU, in the gate's terms. Read in a transaction: on PostgreSQL the ledger's lock
     * ({@code AggregateLocks}) then waits for a batch changing it in another instance and drops this instance's cached
     * copy if the event store has moved past it. Without one, an instance that does not serve the SKU's orders (its
     * saga segment is another instance's) read its own old copy: a reconciliation showed drift where there was none,
     * and a rebuild would have loaded old numbers into the gate.
     */
    public GateStock ledger(String sku) {
        InventoryItem.Stock stock = transactions.fetchInTransaction(() -> DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> items.load(sku).invoke(InventoryItem::stock))
                .getPayload());
        return new GateStock(stock.available(), stock.perUserLimit(), stock.heldPerUser());
    }

    /** The saga's release of a cancelled order's units. */
    @CommandHandler
    void handle(ReleaseGateReservationCommand command) {
        release(command.orderId(), command.skus());
    }
}
