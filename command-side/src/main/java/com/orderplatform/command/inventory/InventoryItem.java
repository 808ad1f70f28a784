package com.orderplatform.command.inventory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.inventory.DefineProductCommand;
import com.orderplatform.api.inventory.ProductDefinedEvent;
import com.orderplatform.api.inventory.ProductDetailsChangedEvent;
import com.orderplatform.api.inventory.ProductRestockedEvent;
import com.orderplatform.api.inventory.ReservationRejectionReason;
import com.orderplatform.api.inventory.RestockProductCommand;
import com.orderplatform.api.inventory.StockCommittedEvent;
import com.orderplatform.api.inventory.StockLevels;
import com.orderplatform.api.inventory.StockReleasedEvent;
import com.orderplatform.api.inventory.StockReservationRejectedEvent;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.infra.axon.AggregateLocks;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The stock ledger of one SKU: the durable truth behind the Redis gate. Keeps the holding of every order that holds
 * units (reserved or sold) so that reserve, commit and release are idempotent per order id, and enforces
 * {@code initial + restocked = available + reserved + sold} and the per-user limit. A released holding is forgotten,
 * its order id kept among the last {@value #RELEASED_KEPT} released so that a late repeat of its reservation is still
 * recognised: the ledger grows with the units held, not with every order ever seen.
 */
// Revision 2: holdings released are no longer kept; snapshots of revision 1 are skipped and the item replayed.
@Revision("2")
@Aggregate(snapshotTriggerDefinition = "inventorySnapshotTrigger", cache = "inventoryCache", lockFactory = AggregateLocks.SKU_LOCKS)
class InventoryItem {

    enum Verdict {
        RESERVABLE, ALREADY_HANDLED, OUT_OF_STOCK, LIMIT_EXCEEDED;

        /** True when the line cannot be reserved, so the whole order is rejected. */
        boolean refuses() {
            return this == OUT_OF_STOCK || this == LIMIT_EXCEEDED;
        }
    }

    enum HoldingState { RESERVED, SOLD }

    static final int RELEASED_KEPT = 1000;

    record Holding(String userId, int quantity, HoldingState state) {
        Holding in(HoldingState next) {
            return new Holding(userId, quantity, next);
        }
    }

    @AggregateIdentifier
    private String sku;
    private String name;
    private long priceCents;
    private String currency;
    private int perUserLimit;
    private long initial;
    private long restocked;
    private long available;
    private long reserved;
    private long sold;
    private Map<String, Holding> holdings = new HashMap<>();
    private Map<String, Long> heldPerUser = new HashMap<>();
    private LinkedHashSet<String> released = new LinkedHashSet<>();

    InventoryItem() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DefineProductCommand command) {
        if (sku == null) {
            apply(new ProductDefinedEvent(command.sku(), command.name(), command.priceCents(), command.currency(),
                    command.stock(), command.perUserLimit()));
            return;
        }
        if (!Objects.equals(name, command.name()) || priceCents != command.priceCents()
                || !Objects.equals(currency, command.currency()) || perUserLimit != command.perUserLimit()) {
            apply(new ProductDetailsChangedEvent(sku, command.name(), command.priceCents(), command.currency(),
                    command.perUserLimit()));
        }
        long delta = command.stock() - available;
        if (delta != 0) {
            StockLevels next = checked(delta, new StockLevels(available + delta, reserved, sold));
            apply(new ProductRestockedEvent(sku, delta, next));
        }
    }

    @CommandHandler
    void handle(RestockProductCommand command) {
        if (command.quantity() <= 0) {
            throw RuleViolation.invalid("INVALID_QUANTITY", "Restock quantity must be positive.");
        }
        apply(new ProductRestockedEvent(sku, command.quantity(),
                checked(command.quantity(), new StockLevels(available + command.quantity(), reserved, sold))));
    }

    Verdict assess(String orderId, String userId, int quantity) {
        if (holdings.containsKey(orderId) || released.contains(orderId)) {
            return Verdict.ALREADY_HANDLED;
        }
        if (quantity > available) {
            return Verdict.OUT_OF_STOCK;
        }
        if (perUserLimit > 0 && heldPerUser.getOrDefault(userId, 0L) + quantity > perUserLimit) {
            return Verdict.LIMIT_EXCEEDED;
        }
        return Verdict.RESERVABLE;
    }

    void reserve(String orderId, String userId, int quantity) {
        Verdict verdict = assess(orderId, userId, quantity);
        if (verdict == Verdict.ALREADY_HANDLED) {
            return;
        }
        if (verdict != Verdict.RESERVABLE) {
            throw new IllegalStateException("reserve called for a " + verdict + " line of order " + orderId);
        }
        apply(new StockReservedEvent(sku, orderId, userId, quantity,
                checked(0, new StockLevels(available - quantity, reserved + quantity, sold))));
    }

    /** Records why this line cannot be reserved; the ledger names the reason itself, and refuses a line it could take. */
    void reject(String orderId, String userId, int quantity) {
        ReservationRejectionReason reason = switch (assess(orderId, userId, quantity)) {
            case OUT_OF_STOCK -> ReservationRejectionReason.OUT_OF_STOCK;
            case LIMIT_EXCEEDED -> ReservationRejectionReason.LIMIT_EXCEEDED;
            case RESERVABLE, ALREADY_HANDLED -> throw new IllegalStateException(
                    "reject called for a line of order " + orderId + " that " + sku + " can take or already took");
        };
        apply(new StockReservationRejectedEvent(sku, orderId, userId, quantity, reason));
    }

    void commit(String orderId) {
        Holding holding = holdings.get(orderId);
        if (holding == null || holding.state() != HoldingState.RESERVED) {
            return;
        }
        apply(new StockCommittedEvent(sku, orderId, holding.userId(), holding.quantity(),
                checked(0, new StockLevels(available, reserved - holding.quantity(), sold + holding.quantity()))));
    }

    void release(String orderId) {
        Holding holding = holdings.get(orderId);
        if (holding == null) {
            return;
        }
        boolean wasSold = holding.state() == HoldingState.SOLD;
        int q = holding.quantity();
        apply(new StockReleasedEvent(sku, orderId, holding.userId(), q, wasSold,
                checked(0, new StockLevels(available + q, wasSold ? reserved : reserved - q, wasSold ? sold - q : sold))));
    }

    /** The ledger's own account of the SKU: available units, the per-user limit (0: none), what each user holds. */
    Stock stock() {
        return new Stock(available, perUserLimit, heldPerUser);
    }

    /** A SKU as the ledger counts it. */
    record Stock(long available, int perUserLimit, Map<String, Long> heldPerUser) {
        Stock {
            heldPerUser = Map.copyOf(heldPerUser);
        }
    }

    /** The ledger invariant, checked before any event is applied: nothing negative, nothing created or lost. */
    private StockLevels checked(long restockDelta, StockLevels next) {
        if (next.available() < 0 || next.reserved() < 0 || next.sold() < 0
                || next.total() != initial + restocked + restockDelta) {
            throw new IllegalStateException("stock invariant broken for " + sku + ": " + next + " from initial "
                    + initial + " and restocked " + (restocked + restockDelta));
        }
        return next;
    }

    @EventSourcingHandler
    void on(ProductDefinedEvent event) {
        sku = event.sku();
        name = event.name();
        priceCents = event.priceCents();
        currency = event.currency();
        perUserLimit = event.perUserLimit();
        initial = event.initialStock();
        available = event.initialStock();
    }

    @EventSourcingHandler
    void on(ProductDetailsChangedEvent event) {
        name = event.name();
        priceCents = event.priceCents();
        currency = event.currency();
        perUserLimit = event.perUserLimit();
    }

    @EventSourcingHandler
    void on(ProductRestockedEvent event) {
        restocked += event.quantity();
        assign(event.levels());
    }

    @EventSourcingHandler
    void on(StockReservedEvent event) {
        holdings.put(event.orderId(), new Holding(event.userId(), event.quantity(), HoldingState.RESERVED));
        heldPerUser.merge(event.userId(), (long) event.quantity(), Long::sum);
        assign(event.levels());
    }

    @EventSourcingHandler
    void on(StockCommittedEvent event) {
        holdings.computeIfPresent(event.orderId(), (id, h) -> h.in(HoldingState.SOLD));
        assign(event.levels());
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event) {
        holdings.remove(event.orderId());
        released.add(event.orderId());
        if (released.size() > RELEASED_KEPT) {
            released.remove(released.iterator().next());
        }
        if (heldPerUser.merge(event.userId(), (long) -event.quantity(), Long::sum) <= 0) {
            heldPerUser.remove(event.userId());
        }
        assign(event.levels());
    }

    private void assign(StockLevels levels) {
        available = levels.available();
        reserved = levels.reserved();
        sold = levels.sold();
    }
}
