package com.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider looks reachable again: a parked charge is requested again (a new call, a new timeout). */
public record ResumePaymentCommand(String orderId) {

    @TargetAggregateIdentifier
    public String paymentId() {
        return PaymentIds.forOrder(orderId);
    }
}
