package com.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RefundPaymentCommand(@TargetAggregateIdentifier String orderId) {
}
