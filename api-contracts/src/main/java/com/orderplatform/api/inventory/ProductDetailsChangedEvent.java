package com.orderplatform.api.inventory;

public record ProductDetailsChangedEvent(String sku, String name, long priceCents, String currency, int perUserLimit) {
}
