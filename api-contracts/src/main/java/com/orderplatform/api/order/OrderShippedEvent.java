package com.orderplatform.api.order;

public record OrderShippedEvent(String orderId, String userId) {
}
