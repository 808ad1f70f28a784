package com.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider refunded {@code amountCents} of an order's charge under {@code providerReference}. */
public record RecordRefundCommand(String orderId, String providerReference, long amountCents) {

    @TargetAggregateIdentifier
    public String paymentId() {
        return PaymentIds.forOrder(orderId);
    }
}
