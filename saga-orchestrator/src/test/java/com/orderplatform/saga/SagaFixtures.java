package com.orderplatform.saga;

import com.orderplatform.api.inventory.ReservationRejectionReason;
import com.orderplatform.api.inventory.StockCommittedEvent;
import com.orderplatform.api.inventory.StockLevels;
import com.orderplatform.api.inventory.StockReleasedEvent;
import com.orderplatform.api.inventory.StockReservationRejectedEvent;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.OrderCancellationRequestedEvent;
import com.orderplatform.api.order.OrderCancelledEvent;
import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentDeclinedEvent;
import com.orderplatform.api.payment.PaymentExpiredEvent;
import com.orderplatform.api.payment.PaymentRefundedEvent;
import java.util.List;

final class SagaFixtures {

    static final String ORDER = "1001";
    static final String USER = "alice";
    static final StockLevels LEVELS = new StockLevels(8, 2, 0);
    static final List<OrderLine> ONE_LINE = List.of(new OrderLine("SKU-1", 2, 1500));
    static final List<OrderLine> TWO_LINES = List.of(new OrderLine("SKU-1", 2, 1500), new OrderLine("SKU-2", 1, 500));

    static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER, USER, ONE_LINE, 3000, "EUR", "tok_ok");
    static final OrderPlacedEvent PLACED_TWO_LINES = new OrderPlacedEvent(ORDER, USER, TWO_LINES, 3500, "EUR", "tok_ok");
    static final PaymentChargedEvent CHARGED = new PaymentChargedEvent(ORDER, 3000, "EUR", "ref-1");
    static final PaymentDeclinedEvent DECLINED = new PaymentDeclinedEvent(ORDER, "card_declined");
    static final PaymentExpiredEvent EXPIRED = new PaymentExpiredEvent(ORDER);
    static final PaymentRefundedEvent REFUNDED = new PaymentRefundedEvent(ORDER, 3000, "EUR", "refund-1");
    static final OrderConfirmedEvent CONFIRMED = new OrderConfirmedEvent(ORDER, USER, 3000, "EUR");

    private SagaFixtures() {
    }

    static StockReservedEvent reserved(String sku) {
        return new StockReservedEvent(sku, ORDER, USER, 1, LEVELS);
    }

    static StockCommittedEvent committed(String sku) {
        return new StockCommittedEvent(sku, ORDER, USER, 1, LEVELS);
    }

    static StockReleasedEvent released(String sku) {
        return new StockReleasedEvent(sku, ORDER, USER, 1, false, LEVELS);
    }

    static StockReservationRejectedEvent rejected(ReservationRejectionReason reason) {
        return new StockReservationRejectedEvent("SKU-1", ORDER, USER, 2, reason);
    }

    static OrderCancelledEvent cancelled(CancelReason reason) {
        return new OrderCancelledEvent(ORDER, USER, reason);
    }

    static OrderCancellationRequestedEvent cancellationRequested(OrderStatus at) {
        return new OrderCancellationRequestedEvent(ORDER, USER, USER, at, ONE_LINE);
    }
}
