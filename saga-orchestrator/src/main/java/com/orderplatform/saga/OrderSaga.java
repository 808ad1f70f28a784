package com.orderplatform.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.orderplatform.api.inventory.StockCommittedEvent;
import com.orderplatform.api.inventory.StockReleasedEvent;
import com.orderplatform.api.inventory.StockReservationRejectedEvent;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.api.order.OrderCancellationRequestedEvent;
import com.orderplatform.api.order.OrderCancelledEvent;
import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentDeclinedEvent;
import com.orderplatform.api.payment.PaymentExpiredEvent;
import com.orderplatform.api.payment.PaymentRefundedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drives one order from placement to PAID or to a fully compensated CANCELLED. All decisions live in
 * {@link OrderSagaDecisions}; this class only feeds it events and carries out what it decides: it sends the
 * command (never waiting on it) and schedules the payment deadline, which survives restarts in the database.
 * That deadline is never cancelled: cancelling a db-scheduler task can race with its execution and fail the
 * saga's transaction, so a deadline that fires after its step is over is simply ignored by the decisions.
 */
@Saga
@ProcessingGroup(OrderSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderSaga {

    public static final String PROCESSING_GROUP = "order-saga";
    static final String ORDER_ID = "orderId";
    static final String PAYMENT_DEADLINE = "payment-deadline";
    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    private OrderSagaState state;

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient OrderSagaProperties properties;

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderPlacedEvent event) {
        carryOut(OrderSagaDecisions.start(event));
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCancellationRequestedEvent event) {
        carryOut(state == null ? OrderSagaDecisions.startCancellation(event) : OrderSagaDecisions.decide(state, event));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReservedEvent event) {
        decide(event);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReservationRejectedEvent event) {
        decide(event);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentChargedEvent event) {
        decide(event);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentDeclinedEvent event) {
        decide(event);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentExpiredEvent event) {
        decide(event);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockCommittedEvent event) {
        decide(event);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderConfirmedEvent event) {
        decide(event);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentRefundedEvent event) {
        decide(event);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReleasedEvent event) {
        decide(event);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCancelledEvent event) {
        decide(event);
    }

    @DeadlineHandler(deadlineName = PAYMENT_DEADLINE)
    void onPaymentDeadline() {
        carryOut(OrderSagaDecisions.paymentDeadlinePassed(state));
    }

    private void decide(Object event) {
        carryOut(OrderSagaDecisions.decide(state, event));
    }

    private void carryOut(OrderSagaDecision decision) {
        state = decision.state();
        if (decision.paymentDeadline() == OrderSagaDecision.PaymentDeadline.SCHEDULE) {
            deadlines.schedule(properties.paymentTimeout(), PAYMENT_DEADLINE);
        }
        if (decision.command() != null) {
            Object command = decision.command();
            commands.send(command).exceptionally(e -> {
                log.warn("Order {}: {} failed in step {}", state.orderId(), command.getClass().getSimpleName(),
                        state.step(), e);
                return null;
            });
        }
        if (decision.ends()) {
            SagaLifecycle.end();
        }
    }
}
