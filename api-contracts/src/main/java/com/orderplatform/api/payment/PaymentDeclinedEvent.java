package com.orderplatform.api.payment;

public record PaymentDeclinedEvent(String orderId, String reason) {
}
