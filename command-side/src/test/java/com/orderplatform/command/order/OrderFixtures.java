package com.orderplatform.command.order;

import com.orderplatform.api.order.Actor;
import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.ConfirmOrderCommand;
import com.orderplatform.api.order.OrderCancellationRequestedEvent;
import com.orderplatform.api.order.OrderCancelledEvent;
import com.orderplatform.api.order.OrderCompletedEvent;
import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.order.OrderShippedEvent;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.order.PlaceOrderCommand;
import java.util.List;

final class OrderFixtures {

    static final String ORDER_ID = "1001";
    static final String OWNER = "alice";
    static final Actor OWNER_ACTOR = new Actor(OWNER, false);
    static final Actor STRANGER = new Actor("mallory", false);
    static final Actor ADMIN = new Actor("ops", true);
    static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 2, 1500));

    static final PlaceOrderCommand PLACE = new PlaceOrderCommand(ORDER_ID, OWNER, LINES, 3000, "EUR", "tok_ok");
    static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER_ID, OWNER, LINES, 3000, "EUR", "tok_ok");
    static final ConfirmOrderCommand CONFIRM = new ConfirmOrderCommand(ORDER_ID, LINES);
    static final OrderConfirmedEvent CONFIRMED = new OrderConfirmedEvent(ORDER_ID, OWNER, 3000, "EUR");
    static final OrderShippedEvent SHIPPED = new OrderShippedEvent(ORDER_ID, OWNER);
    static final OrderCompletedEvent COMPLETED = new OrderCompletedEvent(ORDER_ID, OWNER);

    private OrderFixtures() {
    }

    static OrderCancelledEvent cancelled(CancelReason reason) {
        return new OrderCancelledEvent(ORDER_ID, OWNER, reason);
    }

    static OrderCancellationRequestedEvent cancellationRequested(Actor by, OrderStatus at) {
        return new OrderCancellationRequestedEvent(ORDER_ID, OWNER, by.userId(), at, LINES);
    }
}
