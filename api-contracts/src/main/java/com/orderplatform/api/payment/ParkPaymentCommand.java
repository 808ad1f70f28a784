package com.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider could not be reached (down, or its circuit breaker open): the charge waits instead of expiring. */
public record ParkPaymentCommand(String orderId) {

    @TargetAggregateIdentifier
    public String paymentId() {
        return PaymentIds.forOrder(orderId);
    }
}
