package com.orderplatform.command.placement;

import java.util.Collection;
import java.util.Map;

/**
 * Placement's question to stock, asked before any order exists: may this order take these units? The answer is one of
 * three, each named; the stock ledger still decides for good when the saga reserves.
 */
public interface StockAdmission {

    /** True when the SKU was found without a unit left a moment ago: a request for it can be refused at once. */
    boolean knownSoldOut(String sku);

    /** False only when no SKU at all is known to be sold out: a request then need not be looked at for it. */
    default boolean anyKnownSoldOut() {
        return true;
    }

    /** Takes the units for the order, or names the line that cannot be had. */
    Admission admit(String orderId, String userId, Map<String, Integer> quantities);

    /** Gives back what {@link #admit} took for an order that ended up not stored, or was cancelled. */
    void release(String orderId, Collection<String> skus);

    /** The answer to {@link #admit}: admitted, or refused with the SKU of the line that cannot be had. */
    record Admission(Outcome outcome, String sku) {

        public enum Outcome {
            ADMITTED,
            /** Fewer units of the SKU are left than the order asks for. */
            SOLD_OUT,
            /** The order would take the customer past the per-customer limit of the SKU. */
            LIMIT_EXCEEDED
        }

        public static Admission admitted() {
            return new Admission(Outcome.ADMITTED, null);
        }

        public static Admission soldOut(String sku) {
            return new Admission(Outcome.SOLD_OUT, sku);
        }

        public static Admission limitExceeded(String sku) {
            return new Admission(Outcome.LIMIT_EXCEEDED, sku);
        }
    }
}
