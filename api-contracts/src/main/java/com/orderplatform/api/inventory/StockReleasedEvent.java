package com.orderplatform.api.inventory;

public record StockReleasedEvent(
        String sku, String orderId, String userId, int quantity, boolean wasSold, StockLevels levels) {
}
