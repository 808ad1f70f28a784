package com.orderplatform.command.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What order placement needs of a product (price, currency), kept in the same transaction as its events. */
@Entity
@Table(name = "catalog_product")
public class CatalogEntry {

    @Id
    private String sku;
    @Column(nullable = false)
    private String name;
    @Column(name = "price_cents", nullable = false)
    private long priceCents;
    @Column(nullable = false, length = 3)
    private String currency;
    @Column(name = "per_user_limit", nullable = false)
    private int perUserLimit;

    protected CatalogEntry() {
    }

    CatalogEntry(String sku, String name, long priceCents, String currency, int perUserLimit) {
        this.sku = sku;
        update(name, priceCents, currency, perUserLimit);
    }

    void update(String name, long priceCents, String currency, int perUserLimit) {
        this.name = name;
        this.priceCents = priceCents;
        this.currency = currency;
        this.perUserLimit = perUserLimit;
    }

    public String sku() {
        return sku;
    }

    public long priceCents() {
        return priceCents;
    }

    public String currency() {
        return currency;
    }

    public int perUserLimit() {
        return perUserLimit;
    }
}
