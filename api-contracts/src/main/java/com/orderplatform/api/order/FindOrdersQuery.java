package com.orderplatform.api.order;

public record FindOrdersQuery(String userId, OrderStatus status, int page, int size) {
}
