package com.orderplatform.api.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

public record OrderLine(@NotBlank String sku, @Positive int quantity, @PositiveOrZero long unitPriceCents) {

    public long lineTotalCents() {
        return Math.multiplyExact(unitPriceCents, (long) quantity);
    }
}
