package com.orderplatform.api.payment;

/** The charge could not be made because the provider was unreachable; nothing was charged, and it will be retried. */
public record PaymentParkedEvent(String orderId) {
}
