package com.orderplatform.api.payment;

public record PaymentExpiredEvent(String orderId) {
}
