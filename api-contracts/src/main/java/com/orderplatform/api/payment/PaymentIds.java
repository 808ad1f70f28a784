package com.orderplatform.api.payment;

/**
 * Aggregate ids share one namespace in the event store: a payment's id must never equal its order's id.
 * Order ids are digits and SKUs start with a letter, so "{orderId}-payment" collides with neither.
 */
public final class PaymentIds {

    private PaymentIds() {
    }

    public static String forOrder(String orderId) {
        return orderId + "-payment";
    }
}
