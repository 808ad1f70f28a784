package com.orderplatform.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DefineProductCommand(
        @TargetAggregateIdentifier String sku, String name, long priceCents, String currency, long stock, int perUserLimit) {
}
