package com.orderplatform.api.payment;

public record PaymentRefundRequestedEvent(
        String orderId, long amountCents, String currency, String providerReference, RefundReason reason) {
}
