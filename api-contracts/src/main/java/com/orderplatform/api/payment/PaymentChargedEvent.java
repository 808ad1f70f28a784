package com.orderplatform.api.payment;

public record PaymentChargedEvent(String orderId, long amountCents, String currency, String providerReference) {
}
