package com.orderplatform.api.order;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator ends an order whose saga is still running: what was done is compensated, the order is cancelled. */
public record AbortOrderCommand(@TargetAggregateIdentifier String orderId, @NotBlank String operatorId) {
}
