package com.orderplatform.api.order;

import java.util.List;

public record OrderPageView(List<OrderView> items, int page, int size, long totalItems, int totalPages) {
}
