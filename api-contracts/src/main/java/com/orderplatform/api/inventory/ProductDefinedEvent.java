package com.orderplatform.api.inventory;

public record ProductDefinedEvent(
        String sku, String name, long priceCents, String currency, long initialStock, int perUserLimit) {
}
