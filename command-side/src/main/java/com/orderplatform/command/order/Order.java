package com.orderplatform.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.AbortOrderCommand;
import com.orderplatform.api.order.Actor;
import com.orderplatform.api.order.CancelOrderCommand;
import com.orderplatform.api.order.CompleteOrderCommand;
import com.orderplatform.api.order.OrderAbortRequestedEvent;
import com.orderplatform.api.order.OrderCancellationRequestedEvent;
import com.orderplatform.api.order.OrderCancelledEvent;
import com.orderplatform.api.order.OrderCompletedEvent;
import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderNotFound;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.order.OrderShippedEvent;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.order.PlaceOrderCommand;
import com.orderplatform.api.order.RequestOrderCancellationCommand;
import com.orderplatform.api.order.ShipOrderCommand;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The order as a state machine. Saga commands (confirm, cancel) are idempotent so the saga may re-send them;
 * commands from people are refused with a 409 unless the transition is legal.
 */
@Aggregate(cache = "orderCache", lockFactory = "orderLocks")
class Order {

    @AggregateIdentifier
    private String orderId;
    private String userId;
    private OrderStatus status;
    private boolean cancellationRequested;
    private boolean abortRequested;
    private List<OrderLine> lines;
    private long totalCents;
    private String currency;

    Order() {
    }

    @CommandHandler
    Order(PlaceOrderCommand command) {
        apply(new OrderPlacedEvent(command.orderId(), command.userId(), List.copyOf(command.lines()),
                command.totalCents(), command.currency(), command.paymentMethod()));
    }

    /** Paid and not being cancelled: confirming it now sells its units (see {@link OrderConfirmation}). */
    boolean awaitsConfirmation() {
        return status == OrderStatus.PENDING && !cancellationRequested;
    }

    void confirm() {
        if (status == OrderStatus.PAID || (status == OrderStatus.PENDING && cancellationRequested)) {
            return;
        }
        if (status != OrderStatus.PENDING) {
            throw refused("confirm");
        }
        apply(new OrderConfirmedEvent(orderId, userId, totalCents, currency));
    }

    @CommandHandler
    void handle(RequestOrderCancellationCommand command) {
        requireVisibleTo(command.actor());
        if (cancellationRequested && !status.isTerminal()) {
            return;
        }
        if (status != OrderStatus.PENDING && status != OrderStatus.PAID) {
            throw RuleViolation.conflict("ORDER_NOT_CANCELLABLE",
                    "Order " + orderId + " is " + status + " and can no longer be cancelled.");
        }
        apply(new OrderCancellationRequestedEvent(orderId, userId, command.actor().userId(), status, lines));
    }

    /** Only an order still in flight (PENDING) is aborted; asking again changes nothing. */
    @CommandHandler
    void handle(AbortOrderCommand command) {
        if (abortRequested && status == OrderStatus.PENDING) {
            return;
        }
        if (status != OrderStatus.PENDING) {
            throw RuleViolation.conflict("ORDER_NOT_ABORTABLE",
                    "Order " + orderId + " is " + status + "; only an order still in flight can be aborted.");
        }
        apply(new OrderAbortRequestedEvent(orderId, userId, command.operatorId(), status));
    }

    @CommandHandler
    void handle(CancelOrderCommand command) {
        if (status == OrderStatus.CANCELLED) {
            return;
        }
        if (status != OrderStatus.PENDING && status != OrderStatus.PAID) {
            throw refused("cancel");
        }
        apply(new OrderCancelledEvent(orderId, userId, command.reason()));
    }

    @CommandHandler
    void handle(ShipOrderCommand command) {
        requireVisibleTo(command.actor());
        if (!command.actor().admin()) {
            throw RuleViolation.forbidden("FORBIDDEN", "Only an admin ships an order.");
        }
        if (status != OrderStatus.PAID || cancellationRequested) {
            throw refused("ship");
        }
        apply(new OrderShippedEvent(orderId, userId));
    }

    @CommandHandler
    void handle(CompleteOrderCommand command) {
        requireVisibleTo(command.actor());
        if (status != OrderStatus.SHIPPED) {
            throw refused("complete");
        }
        apply(new OrderCompletedEvent(orderId, userId));
    }

    private void requireVisibleTo(Actor actor) {
        if (!actor.mayActOnOrderOf(userId)) {
            throw OrderNotFound.violation();
        }
    }

    private RuleViolation refused(String action) {
        String state = cancellationRequested && !status.isTerminal() ? status + " with a cancellation in progress" : status.name();
        return RuleViolation.conflict("ILLEGAL_ORDER_TRANSITION",
                "Cannot " + action + " order " + orderId + ": it is " + state + ".");
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        userId = event.userId();
        lines = event.lines();
        totalCents = event.totalCents();
        currency = event.currency();
        status = OrderStatus.PENDING;
    }

    @EventSourcingHandler
    void on(OrderConfirmedEvent event) {
        status = OrderStatus.PAID;
    }

    @EventSourcingHandler
    void on(OrderCancellationRequestedEvent event) {
        cancellationRequested = true;
    }

    @EventSourcingHandler
    void on(OrderAbortRequestedEvent event) {
        cancellationRequested = true;
        abortRequested = true;
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        status = OrderStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(OrderShippedEvent event) {
        status = OrderStatus.SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderCompletedEvent event) {
        status = OrderStatus.COMPLETED;
    }
}
