package com.orderplatform.api.order;

import java.time.Instant;
import java.util.List;

public record OrderView(
        String orderId,
        String userId,
        OrderStatus status,
        CancelReason cancelReason,
        List<OrderLine> items,
        long totalCents,
        String currency,
        Instant createdAt,
        Instant updatedAt) {
}
