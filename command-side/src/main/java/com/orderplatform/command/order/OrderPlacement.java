package com.orderplatform.command.order;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.PlaceOrderCommand;
import com.orderplatform.command.inventory.Catalog;
import com.orderplatform.command.inventory.GateKeeper;
import com.orderplatform.infra.axon.CommitTimeoutException;
import com.orderplatform.infra.axon.GroupCommit;
import com.orderplatform.infra.gate.GateResult;
import com.orderplatform.infra.idempotency.Claim;
import com.orderplatform.infra.idempotency.IdempotencyKeyTakenException;
import com.orderplatform.infra.idempotency.IdempotencyKeys;
import com.orderplatform.infra.idempotency.IdempotencyStore;
import com.orderplatform.infra.idempotency.InFlightClaims;
import com.orderplatform.infra.idempotency.StoredResponse;
import com.orderplatform.infra.ids.IdGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The synchronous part of placing an order, cheapest refusal first: a SKU the gate found empty a moment ago is
 * refused before anything is read or written; then the Idempotency-Key is claimed (a copy in flight or already
 * answered is told so), prices come from the in-memory catalog, and the Redis gate turns away sold-out and
 * over-limit requests before any order exists. A refusal records nothing, so a retry with the same key gets a fresh
 * answer. An accepted order's {@code OrderPlacedEvent} and its key's durable record commit in one transaction before
 * the reply — shared with the placements arriving at the same moment — and if that fails, the gate gets its units
 * back.
 */
class OrderPlacement {

    private final Catalog catalog;
    private final IdGenerator ids;
    private final GateKeeper gate;
    private final GroupCommit commits;
    private final InFlightClaims claims;
    private final IdempotencyStore records;

    OrderPlacement(Catalog catalog, IdGenerator ids, GateKeeper gate, GroupCommit commits, InFlightClaims claims,
                   IdempotencyStore records) {
        this.catalog = catalog;
        this.ids = ids;
        this.gate = gate;
        this.commits = commits;
        this.claims = claims;
        this.records = records;
    }

    /** A new order, or the answer first given to this key. */
    sealed interface Placed {
        record Accepted(String orderId) implements Placed {
        }

        record Replayed(StoredResponse answer) implements Placed {
        }
    }

    Placed place(String userId, String key, PlaceOrderRequest request) {
        if (!IdempotencyKeys.isWellFormed(key)) {
            throw RuleViolation.invalid(IdempotencyKeys.INVALID_CODE, IdempotencyKeys.RULE);
        }
        for (PlaceOrderRequest.Item item : request.items()) {
            if (gate.isSoldOut(item.sku())) {
                throw soldOut(item.sku());
            }
        }
        String hash = request.fingerprint();
        if (!claims.take(userId, key, hash)) {
            return repeated(userId, key, hash);
        }
        boolean keepClaim = false;
        try {
            Placed placed = placeOnce(userId, key, hash, request);
            keepClaim = true;
            return placed;
        } catch (CommitTimeoutException unknownOutcome) {
            keepClaim = true;
            throw unknownOutcome;
        } finally {
            if (!keepClaim) {
                claims.drop(userId, key);
            }
        }
    }

    private Placed placeOnce(String userId, String key, String hash, PlaceOrderRequest request) {
        Priced priced = price(request.items());
        String orderId = Long.toString(ids.nextId());
        Map<String, Integer> quantities = new LinkedHashMap<>();
        priced.lines().forEach(line -> quantities.put(line.sku(), line.quantity()));
        GateResult gated = gate.reserve(orderId, userId, quantities);
        switch (gated.outcome()) {
            case SOLD_OUT -> throw soldOut(gated.sku());
            case LIMIT_EXCEEDED -> throw RuleViolation.conflict("LIMIT_EXCEEDED",
                    "This order would take you past the per-customer limit of SKU " + gated.sku() + ".");
            case RESERVED, ALREADY_HANDLED, BYPASSED, NOT_LOADED -> {
                // admitted (NOT_LOADED after the rebuild attempts too: the ledger decides)
            }
        }
        try {
            store(new PlaceOrderCommand(orderId, userId, priced.lines(), priced.totalCents(), priced.currency(),
                    request.paymentMethod()), userId, key, hash);
            return new Placed.Accepted(orderId);
        } catch (IdempotencyKeyTakenException answeredBefore) {
            gate.release(orderId, quantities.keySet());
            return repeated(userId, key, hash);
        } catch (CommitTimeoutException unknownOutcome) {
            // The order may still be stored: its units and its key stay taken (the ledger is the truth either way).
            throw unknownOutcome;
        } catch (RuntimeException e) {
            gate.release(orderId, quantities.keySet());
            throw e;
        }
    }

    /** The order's event and the key's record, in one transaction (shared with other placements: group commit). */
    private void store(PlaceOrderCommand command, String userId, String key, String hash) {
        commits.sendAndWait(command, () -> records.record(userId, key, hash, accepted(command.orderId())));
    }

    /** The key was used before: its recorded answer, or why there is none to give. */
    private Placed repeated(String userId, String key, String hash) {
        Claim claim = records.recorded(userId, key, hash)
                .orElseGet(() -> claims.holderOf(userId, key).filter(holder -> !holder.equals(hash))
                        .<Claim>map(other -> new Claim.Mismatch())
                        .orElseGet(Claim.InFlight::new));
        if (claim instanceof Claim.Answered answered) {
            return new Placed.Replayed(answered.response());
        }
        if (claim instanceof Claim.Mismatch) {
            throw RuleViolation.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used for a different request.");
        }
        throw RuleViolation.conflict("IDEMPOTENCY_KEY_IN_FLIGHT",
                "A request with this Idempotency-Key is still being processed.");
    }

    static StoredResponse accepted(String orderId) {
        return new StoredResponse(202, "application/json", "/api/orders/" + orderId,
                "{\"orderId\":\"" + orderId + "\",\"status\":\"PENDING\"}");
    }

    private static RuleViolation soldOut(String sku) {
        return RuleViolation.conflict("SOLD_OUT", "SKU " + sku + " is sold out.");
    }

    private Priced price(List<PlaceOrderRequest.Item> items) {
        Set<String> seen = new HashSet<>();
        Set<String> currencies = new HashSet<>();
        List<OrderLine> lines = new ArrayList<>(items.size());
        for (PlaceOrderRequest.Item item : items) {
            if (!seen.add(item.sku())) {
                throw RuleViolation.invalid("DUPLICATE_SKU", "SKU " + item.sku() + " appears more than once.");
            }
            Catalog.Product product = catalog.find(item.sku()).orElseThrow(() ->
                    RuleViolation.unprocessable("UNKNOWN_SKU", "No product with SKU " + item.sku() + "."));
            currencies.add(product.currency());
            lines.add(new OrderLine(product.sku(), item.quantity(), product.priceCents()));
        }
        if (currencies.size() > 1) {
            throw RuleViolation.unprocessable("MIXED_CURRENCIES", "All items of one order must share a currency.");
        }
        long total = lines.stream().mapToLong(OrderLine::lineTotalCents).reduce(0L, Math::addExact);
        return new Priced(lines, total, currencies.iterator().next());
    }

    private record Priced(List<OrderLine> lines, long totalCents, String currency) {
    }
}
