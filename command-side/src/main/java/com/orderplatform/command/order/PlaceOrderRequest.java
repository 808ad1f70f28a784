package com.orderplatform.command.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import com.orderplatform.api.inventory.Skus;
import java.util.List;

record PlaceOrderRequest(
        @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Item> items,
        @NotBlank @Size(max = 64) String paymentMethod) {

    record Item(
            @NotBlank @Pattern(regexp = Skus.PATTERN) String sku,
            @NotNull @Min(1) @Max(OrderController.MAX_QUANTITY) Integer quantity) {
    }
}
