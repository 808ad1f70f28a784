package com.orderplatform.command.inventory;

import com.orderplatform.api.inventory.ReleaseGateReservationCommand;
import com.orderplatform.infra.gate.GateResult;
import com.orderplatform.infra.gate.GateStock;
import com.orderplatform.infra.gate.StockGate;
import com.orderplatform.infra.locks.DistributedLocks;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command side's use of the Redis gate: reserve at ingress, rebuild a SKU from the ledger when Redis has
 * lost it (under a lock, so one instance rebuilds while the others wait), and release what a cancelled order took.
 */
public class GateKeeper {

    private static final Logger log = LoggerFactory.getLogger(GateKeeper.class);
    private static final Duration REBUILD_WAIT = Duration.ofSeconds(5);

    private final StockGate gate;
    private final DistributedLocks locks;
    private final Repository<InventoryItem> items;

    GateKeeper(StockGate gate, DistributedLocks locks, Repository<InventoryItem> items) {
        this.gate = gate;
        this.locks = locks;
        this.items = items;
    }

    public GateResult reserve(String orderId, String userId, Map<String, Integer> quantities) {
        GateResult result = gate.reserve(orderId, userId, quantities);
        for (int rebuilt = 0; result.outcome() == GateResult.Outcome.NOT_LOADED && rebuilt < quantities.size(); rebuilt++) {
            rebuild(result.sku(), false);
            result = gate.reserve(orderId, userId, quantities);
        }
        return result;
    }

    public void release(String orderId, Collection<String> skus) {
        gate.release(orderId, skus);
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
            gate.load(sku, ledger);
            log.info("Stock gate for {} rebuilt from the ledger: {} available", sku, ledger.available());
            return ledger;
        });
    }

    public GateStock ledger(String sku) {
        return DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> items.load(sku).invoke(InventoryItem::gateStock))
                .getPayload();
    }

    @CommandHandler
    void handle(ReleaseGateReservationCommand command) {
        gate.release(command.orderId(), command.skus());
    }
}
