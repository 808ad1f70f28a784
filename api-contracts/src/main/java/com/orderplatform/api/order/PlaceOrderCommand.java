package com.orderplatform.api.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PlaceOrderCommand(
        @TargetAggregateIdentifier @NotBlank String orderId,
        @NotBlank String userId,
        @NotEmpty List<@Valid OrderLine> lines,
        @PositiveOrZero long totalCents,
        @NotBlank String currency,
        @NotBlank String paymentMethod) {
}
