package com.orderplatform.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RestockProductCommand(@TargetAggregateIdentifier String sku, long quantity) {
}
