package com.orderplatform.api.inventory;

public record StockReservationRejectedEvent(
        String sku, String orderId, String userId, int quantity, ReservationRejectionReason reason) {
}
