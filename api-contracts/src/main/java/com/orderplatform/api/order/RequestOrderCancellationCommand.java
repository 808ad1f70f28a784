package com.orderplatform.api.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RequestOrderCancellationCommand(@TargetAggregateIdentifier String orderId, @NotNull @Valid Actor actor) {
}
