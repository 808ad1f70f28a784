package com.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordRefundCommand(@TargetAggregateIdentifier String orderId, String providerReference) {
}
