package com.orderplatform.api.order;

public record OrderCompletedEvent(String orderId, String userId) {
}
