package com.orderplatform.api.order;

public record FindOrderQuery(String orderId) {
}
