package com.orderplatform.query.product;

import com.orderplatform.api.inventory.ProductView;
import com.orderplatform.api.inventory.StockLevels;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "product_view")
class ProductViewEntity {

    @Id
    private String sku;
    @Column(nullable = false)
    private String name;
    @Column(name = "price_cents", nullable = false)
    private long priceCents;
    @Column(nullable = false)
    private String currency;
    @Column(name = "per_user_limit", nullable = false)
    private int perUserLimit;
    @Column(nullable = false)
    private long available;
    @Column(nullable = false)
    private long reserved;
    @Column(nullable = false)
    private long sold;
    @Column(name = "last_sequence", nullable = false)
    private long lastSequence;

    protected ProductViewEntity() {
    }

    ProductViewEntity(String sku, long sequence) {
        this.sku = sku;
        this.lastSequence = sequence;
    }

    /** Kept through a replay's reset, still answering queries with what it was, until its definition comes again. */
    boolean toRebuild() {
        return lastSequence == ProductViewRepository.TO_REBUILD;
    }

    boolean advance(long sequence) {
        if (sequence <= lastSequence) {
            return false;
        }
        lastSequence = sequence;
        return true;
    }

    void details(String name, long priceCents, String currency, int perUserLimit) {
        this.name = name;
        this.priceCents = priceCents;
        this.currency = currency;
        this.perUserLimit = perUserLimit;
    }

    void levels(StockLevels levels) {
        available = levels.available();
        reserved = levels.reserved();
        sold = levels.sold();
    }

    ProductView toView() {
        return new ProductView(sku, name, priceCents, currency, available, reserved, sold, perUserLimit);
    }
}
