package com.orderplatform.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordChargeOutcomeCommand(
        @TargetAggregateIdentifier String orderId, boolean approved, String providerReference, String declineReason) {
}
