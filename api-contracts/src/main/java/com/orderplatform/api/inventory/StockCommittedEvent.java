package com.orderplatform.api.inventory;

public record StockCommittedEvent(String sku, String orderId, String userId, int quantity, StockLevels levels) {
}
