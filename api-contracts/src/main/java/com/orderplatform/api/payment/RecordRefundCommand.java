package com.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordRefundCommand(String orderId, String providerReference) {

    @TargetAggregateIdentifier
    public String paymentId() {
        return PaymentIds.forOrder(orderId);
    }
}
