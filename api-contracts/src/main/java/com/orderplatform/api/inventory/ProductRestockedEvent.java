package com.orderplatform.api.inventory;

/** A negative quantity is a correction downwards, made through the product definition. */
public record ProductRestockedEvent(String sku, long quantity, StockLevels levels) {
}
