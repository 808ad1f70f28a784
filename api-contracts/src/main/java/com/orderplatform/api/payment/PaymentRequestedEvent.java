package com.orderplatform.api.payment;

public record PaymentRequestedEvent(
        String orderId, String userId, long amountCents, String currency, String paymentMethod) {
}
