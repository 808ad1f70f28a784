package com.orderplatform.api.inventory;

public record FindProductQuery(String sku) {
}
