package com.orderplatform.api.payment;

public record PaymentRefundedEvent(String orderId, long amountCents, String currency, String providerReference) {
}
