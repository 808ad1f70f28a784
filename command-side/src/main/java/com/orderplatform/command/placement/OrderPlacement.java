package com.orderplatform.command.placement;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.PlaceOrderCommand;
import com.orderplatform.command.placement.StockAdmission.Admission;
import com.orderplatform.infra.axon.CommitTimeoutException;
import com.orderplatform.infra.idempotency.Claim;
import com.orderplatform.infra.idempotency.IdempotencyKeyTakenException;
import com.orderplatform.infra.idempotency.IdempotencyKeys;
import com.orderplatform.infra.idempotency.IdempotencyStore;
import com.orderplatform.infra.idempotency.InFlightClaims;
import com.orderplatform.infra.idempotency.StoredResponse;
import com.orderplatform.infra.ids.IdGenerator;
import com.orderplatform.infra.ids.OrderRoutes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The synchronous part of placing an order, cheapest refusal first: a SKU found empty a moment ago is refused after
 * one read (the key's record: a retry of an accepted order gets the order back) and before anything is written; then
 * the Idempotency-Key is claimed (a copy in flight or already answered is told so),
 * the catalogue prices the lines, and stock admission turns away sold-out and over-limit requests before any order
 * exists. A refusal records nothing, so a retry with the same key gets a fresh answer. An accepted order and its
 * key's durable answer are stored together before the reply; if that fails, the admitted units are given back.
 */
class OrderPlacement {

    private final Catalogue catalogue;
    private final StockAdmission stock;
    private final OrderStore orders;
    private final IdGenerator ids;
    private final InFlightClaims claims;
    private final IdempotencyStore records;

    OrderPlacement(Catalogue catalogue, StockAdmission stock, OrderStore orders, IdGenerator ids,
                   InFlightClaims claims, IdempotencyStore records) {
        this.catalogue = catalogue;
        this.stock = stock;
        this.orders = orders;
        this.ids = ids;
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
        String hash = request.fingerprint();
        Optional<String> soldOut = knownSoldOut(request);
        if (soldOut.isPresent()) {
            return answeredBefore(userId, key, hash).orElseThrow(() -> soldOut(soldOut.get()));
        }
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

    /**
     * The sold-out refusal of a request that asks for a SKU found empty a moment ago and whose key holds no answer —
     * what {@link #place} would answer, decided without it; empty when {@link #place} must run (nothing flagged, or
     * the key was used before: its answer is replayed, or another body refused).
     */
    Optional<RuleViolation> soldOutRefusal(String userId, String key, PlaceOrderRequest request) {
        return knownSoldOut(request)
                .filter(sku -> records.recorded(userId, key, request.fingerprint()).isEmpty())
                .map(OrderPlacement::soldOut);
    }

    /** False only when no SKU at all is known to be sold out (cheap: no lookup). */
    boolean anyKnownSoldOut() {
        return stock.anyKnownSoldOut();
    }

    /** True when the SKU was found empty a moment ago (cheap: no lookup). */
    boolean mayBeSoldOut(String sku) {
        return stock.knownSoldOut(sku);
    }

    private Optional<String> knownSoldOut(PlaceOrderRequest request) {
        return request.items().stream().map(PlaceOrderRequest.Item::sku).filter(stock::knownSoldOut).findFirst();
    }

    private Placed placeOnce(String userId, String key, String hash, PlaceOrderRequest request) {
        Priced priced = price(request.items());
        Map<String, Integer> quantities = new LinkedHashMap<>();
        priced.lines().forEach(line -> quantities.put(line.sku(), line.quantity()));
        String orderId = Long.toString(ids.nextId(OrderRoutes.ofSkus(quantities.keySet())));
        Optional<RuleViolation> refused = refusal(stock.admit(orderId, userId, quantities));
        if (refused.isPresent()) {
            throw refused.get();
        }
        try {
            store(new PlaceOrderCommand(orderId, userId, priced.lines(), priced.totalCents(), priced.currency(),
                    request.paymentMethod()), userId, key, hash);
            return new Placed.Accepted(orderId);
        } catch (IdempotencyKeyTakenException answeredBefore) {
            stock.release(orderId, quantities.keySet());
            return repeated(userId, key, hash);
        } catch (CommitTimeoutException unknownOutcome) {
            // The order may still be stored: its units and its key stay taken (the ledger is the truth either way).
            throw unknownOutcome;
        } catch (RuntimeException e) {
            stock.release(orderId, quantities.keySet());
            throw e;
        }
    }

    /** The order and its key's answer, in one transaction. */
    private void store(PlaceOrderCommand command, String userId, String key, String hash) {
        orders.store(command, () -> records.record(userId, key, hash, accepted(command.orderId())));
    }

    /** The key was used before: its recorded answer, or why there is none to give. */
    private Placed repeated(String userId, String key, String hash) {
        Claim claim = records.recorded(userId, key, hash)
                .orElseGet(() -> claims.holderOf(userId, key).filter(holder -> !holder.equals(hash))
                        .<Claim>map(other -> new Claim.Mismatch())
                        .orElseGet(Claim.InFlight::new));
        return answer(claim).orElseThrow(() -> RuleViolation.conflict("IDEMPOTENCY_KEY_IN_FLIGHT",
                "A request with this Idempotency-Key is still being processed."));
    }

    /**
     * The answer recorded for this key, if it holds an accepted order: a buyer's double click after the sell-out is
     * answered with the order, not SOLD_OUT (one read of the key's record, paid by sold-out refusals only).
     */
    private Optional<Placed> answeredBefore(String userId, String key, String hash) {
        return records.recorded(userId, key, hash).flatMap(OrderPlacement::answer);
    }

    /** A recorded claim as an answer: the stored response replayed, a different body refused; none while in flight. */
    private static Optional<Placed> answer(Claim claim) {
        if (claim instanceof Claim.Answered answered) {
            return Optional.of(new Placed.Replayed(answered.response()));
        }
        if (claim instanceof Claim.Mismatch) {
            throw RuleViolation.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used for a different request.");
        }
        return Optional.empty();
    }

    static StoredResponse accepted(String orderId) {
        return new StoredResponse(202, "application/json", "/api/orders/" + orderId,
                "{\"orderId\":\"" + orderId + "\",\"status\":\"PENDING\"}");
    }

    /** Why an order is turned away at admission; empty when it is admitted. */
    private static Optional<RuleViolation> refusal(Admission admission) {
        return switch (admission.outcome()) {
            case ADMITTED -> Optional.empty();
            case SOLD_OUT -> Optional.of(soldOut(admission.sku()));
            case LIMIT_EXCEEDED -> Optional.of(RuleViolation.conflict("LIMIT_EXCEEDED",
                    "This order would take you past the per-customer limit of SKU " + admission.sku() + "."));
        };
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
            Catalogue.Price price = catalogue.priceOf(item.sku()).orElseThrow(() ->
                    RuleViolation.unprocessable("UNKNOWN_SKU", "No product with SKU " + item.sku() + "."));
            currencies.add(price.currency());
            lines.add(new OrderLine(price.sku(), item.quantity(), price.unitPriceCents()));
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
