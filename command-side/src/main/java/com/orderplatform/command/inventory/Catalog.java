package com.orderplatform.command.inventory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What placing an order needs of a product — its price and currency — from memory instead of a query per line. An
 * entry is read from the catalog table on first use and again once it is older than {@code refreshAfter}; a change
 * made through this instance replaces it as soon as it commits. A price changed through another instance is used
 * here within {@code refreshAfter}.
 */
public class Catalog {

    public record Product(String sku, long priceCents, String currency) {
    }

    private record Loaded(Product product, long atNanos) {
    }

    private final CatalogRepository table;
    private final long refreshNanos;
    private final Map<String, Loaded> products = new ConcurrentHashMap<>();

    Catalog(CatalogRepository table, Duration refreshAfter) {
        this.table = table;
        this.refreshNanos = refreshAfter.toNanos();
    }

    public Optional<Product> find(String sku) {
        Loaded loaded = products.get(sku);
        if (loaded != null && System.nanoTime() - loaded.atNanos() < refreshNanos) {
            return Optional.of(loaded.product());
        }
        Optional<Product> product = table.findById(sku)
                .map(entry -> new Product(entry.sku(), entry.priceCents(), entry.currency()));
        product.ifPresentOrElse(found -> products.put(sku, new Loaded(found, System.nanoTime())),
                () -> products.remove(sku));
        return product;
    }

    void changed(String sku) {
        products.remove(sku);
    }
}
