package com.orderplatform.api.order;

public record OrderCancelledEvent(String orderId, String userId, CancelReason reason) {
}
