package com.orderplatform.api.order;

import java.util.List;

public record OrderCancellationRequestedEvent(
        String orderId, String userId, String requestedBy, OrderStatus statusAtRequest, List<OrderLine> lines) {
}
