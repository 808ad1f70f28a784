package com.orderplatform.api.order;

import java.util.List;

/** The order is paid: its reserved units become sold and it becomes PAID, together. */
public record ConfirmOrderCommand(String orderId, List<OrderLine> lines) {
}
