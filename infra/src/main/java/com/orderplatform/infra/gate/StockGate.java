package com.orderplatform.infra.gate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fast, approximate stock check in front of the ledger: turns away sold-out and over-limit requests before
 * any order exists. Every operation is idempotent per order id.
 */
public interface StockGate {

    GateResult reserve(String orderId, String userId, Map<String, Integer> quantities);

    /** Gives the order's units back; an order that holds nothing here (never, or already released) changes nothing. */
    void release(String orderId, Collection<String> skus);

    /**
     * Gives back the units of an order that was never stored ({@code GateHealer}): as {@link #release}, but into a
     * SKU's gate only if it was loaded before the reservation — a gate rebuilt since from the ledger, which never held
     * these units, counts them as available already.
     */
    void releaseUnstored(String orderId, Collection<String> skus);

    /** Replaces one SKU's numbers with the ledger's. */
    void load(String sku, GateStock stock);

    int KEEP_LIMIT = -1;

    /** Applies a restock or correction (and a new limit, unless {@link #KEEP_LIMIT}) to a loaded SKU. */
    void adjust(String sku, long delta, int perUserLimit);

    Optional<GateStock> read(String sku);

    /**
     * Orders reserved here before {@code before} that are not yet known stored nor released, oldest first: a
     * placement that died between its reservation and storing its order leaves one ({@code GateHealer}).
     */
    List<String> pendingBefore(Instant before, int limit);

    /** The SKUs an order still holds here; empty when it holds nothing (released, or not known any more). */
    Set<String> skusOf(String orderId);

    /** Forgets pending orders that need no healing: stored, their units are the ledger's and the saga's now. */
    void settle(Collection<String> orderIds);
}
