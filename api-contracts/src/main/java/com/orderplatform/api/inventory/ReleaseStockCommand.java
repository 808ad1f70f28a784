package com.orderplatform.api.inventory;

import com.orderplatform.api.order.OrderLine;
import java.util.List;

public record ReleaseStockCommand(String orderId, List<OrderLine> lines) {
}
