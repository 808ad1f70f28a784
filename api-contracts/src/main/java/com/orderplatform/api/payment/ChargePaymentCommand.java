package com.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChargePaymentCommand(
        @TargetAggregateIdentifier String orderId, String userId, long amountCents, String currency, String paymentMethod) {
}
