package com.orderplatform.api.order;

public record OrderConfirmedEvent(String orderId, String userId, long totalCents, String currency) {
}
