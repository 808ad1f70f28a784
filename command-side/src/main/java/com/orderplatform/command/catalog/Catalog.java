package com.orderplatform.command.catalog;

import com.orderplatform.command.placement.Catalogue;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Placement's catalogue: a product's price and currency from memory instead of a query per line. An
 * entry is read from the catalog table on first use and again once it is older than {@code refreshAfter}; a change
 * made through this instance replaces it as soon as it commits. A price changed through another instance is used
 * here within {@code refreshAfter}.
 */
public class Catalog implements Catalogue {

    private record Loaded(Price price, long atNanos) {
    }

    private final CatalogRepository table;
    private final long refreshNanos;
    private final Map<String, Loaded> prices = new ConcurrentHashMap<>();

    Catalog(CatalogRepository table, Duration refreshAfter) {
        this.table = table;
        this.refreshNanos = refreshAfter.toNanos();
    }

    @Override
    public Optional<Price> priceOf(String sku) {
        Loaded loaded = prices.get(sku);
        if (loaded != null && System.nanoTime() - loaded.atNanos() < refreshNanos) {
            return Optional.of(loaded.price());
        }
        Optional<Price> price = table.findById(sku)
                .map(entry -> new Price(entry.sku(), entry.priceCents(), entry.currency()));
        price.ifPresentOrElse(found -> prices.put(sku, new Loaded(found, System.nanoTime())),
                () -> prices.remove(sku));
        return price;
    }

    void changed(String sku) {
        prices.remove(sku);
    }
}
