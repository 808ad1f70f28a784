package com.orderplatform.api.inventory;

import com.orderplatform.api.order.OrderLine;
import java.util.List;

public record ReserveStockCommand(String orderId, String userId, List<OrderLine> lines) {
}
