package com.orderplatform.provider;

/** A refund of (part of) a succeeded intent; refunds are settled at once. Times are epoch milliseconds. */
public record Refund(String id, String idempotencyKey, String fingerprint, String paymentIntent, String orderId,
                     long amount, String currency, String status, long created) {
}
