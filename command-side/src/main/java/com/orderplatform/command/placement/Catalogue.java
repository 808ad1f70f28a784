package com.orderplatform.command.placement;

import java.util.Optional;

/** Placement's question to the catalogue: what one unit of a SKU costs, and in which currency. */
public interface Catalogue {

    /** The SKU's price, or empty when there is no such product. */
    Optional<Price> priceOf(String sku);

    record Price(String sku, long unitPriceCents, String currency) {
    }
}
