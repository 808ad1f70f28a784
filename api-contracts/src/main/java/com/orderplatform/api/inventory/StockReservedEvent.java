package com.orderplatform.api.inventory;

public record StockReservedEvent(String sku, String orderId, String userId, int quantity, StockLevels levels) {
}
