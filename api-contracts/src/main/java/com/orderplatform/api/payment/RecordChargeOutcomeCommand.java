package com.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What the provider answered for an order's charge; {@code amountCents}: what it says it charged (approved only). */
public record RecordChargeOutcomeCommand(
        String orderId, boolean approved, String providerReference, String declineReason, long amountCents) {

    @TargetAggregateIdentifier
    public String paymentId() {
        return PaymentIds.forOrder(orderId);
    }
}
