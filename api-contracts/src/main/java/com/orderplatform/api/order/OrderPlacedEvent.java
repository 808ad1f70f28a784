package com.orderplatform.api.order;

import java.util.List;

public record OrderPlacedEvent(
        String orderId, String userId, List<OrderLine> lines, long totalCents, String currency, String paymentMethod) {
}
