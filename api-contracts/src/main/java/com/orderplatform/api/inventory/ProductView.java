package com.orderplatform.api.inventory;

public record ProductView(
        String sku, String name, long priceCents, String currency, long available, long reserved, long sold,
        int perUserLimit) {
}
