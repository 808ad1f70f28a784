package com.orderplatform.saga;

import com.orderplatform.api.inventory.StockReleasedEvent;
import com.orderplatform.api.inventory.StockReservationRejectedEvent;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.api.order.OrderAbortRequestedEvent;
import com.orderplatform.api.order.OrderCancellationRequestedEvent;
import com.orderplatform.api.order.OrderCancelledEvent;
import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentDeclinedEvent;
import com.orderplatform.api.payment.PaymentExpiredEvent;
import com.orderplatform.api.payment.PaymentParkedEvent;
import com.orderplatform.api.payment.PaymentRefundedEvent;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.infra.axon.LockConflicts;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one order from placement to PAID or to a fully compensated CANCELLED: an order-keyed process manager on a
 * tracking processor. All decisions live in {@link OrderSagaDecisions}; this class feeds it each event with the
 * order's saga state from {@link OrderSagaStore}, keeps the next state, and sends the command decided — inside the
 * processor's unit of work, so the state, the command's events and the processor's position commit together. A
 * command that fails for good is recorded on the saga (step FAILED, with the error) rather than dropped.
 */
@ProcessingGroup(OrderSaga.PROCESSING_GROUP)
class OrderSaga {

    static final String PROCESSING_GROUP = "order-saga";
    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    private final OrderSagaStore store;
    private final CommandGateway commands;
    private final SagaMetrics metrics;

    OrderSaga(OrderSagaStore store, CommandGateway commands, SagaMetrics metrics) {
        this.store = store;
        this.commands = commands;
        this.metrics = metrics;
    }

    @EventHandler
    @DisallowReplay
    void on(OrderPlacedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(OrderCancellationRequestedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(StockReservedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(StockReservationRejectedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentChargedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentDeclinedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentExpiredEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentParkedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRequestedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(OrderConfirmedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRefundedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(StockReleasedEvent event) {
        handle(event.orderId(), event);
    }

    @EventHandler
    @DisallowReplay
    void on(OrderCancelledEvent event) {
        handle(event.orderId(), event);
    }

    /** An operator's abort: decided with whether the step's command failed for good, which only the row knows. */
    @EventHandler
    @DisallowReplay
    void on(OrderAbortRequestedEvent event) {
        store.find(event.orderId()).ifPresent(state -> carryOut(
                OrderSagaDecisions.abort(state, store.hasFailed(event.orderId()))));
    }

    private void handle(String orderId, Object event) {
        Optional<OrderSagaState> current = store.find(orderId);
        OrderSagaDecisions.on(current, event)
                .filter(decision -> decision.command() != null || !current.equals(Optional.of(decision.state())))
                .ifPresent(this::carryOut);
    }

    private void carryOut(OrderSagaDecision decision) {
        store.save(decision.state(), decision.command());
        Object command = decision.command();
        if (command != null) {
            OrderSagaState state = decision.state();
            CompletableFuture<Object> sent = commands.send(command);
            rollBackOnLockConflict(sent);
            sent.exceptionally(e -> {
                // The gateway has retried what could pass; this failure stays until an operator re-drives or aborts.
                log.warn("Order {}: {} failed for good in step {}; the saga shows FAILED", state.orderId(),
                        command.getClass().getSimpleName(), state.step(), e);
                store.failed(state.orderId(), state.step(), e);
                metrics.failed();
                return null;
            });
        }
    }

    /**
     * A command sent inside the batch runs in it and keeps the aggregate locks it took until the batch ends. Batches
     * take their SKUs' locks first, in one order ({@link StockLocksFirst}), so two batches do not cross; a command sent
     * outside any batch (an operator's re-drive) still can, and Axon's lock (in one process) or PostgreSQL (between
     * processes) then picks one to lose. A loser inside a batch cannot wait for the other, nor can its command be
     * retried while its batch holds the locks; the whole batch is rolled back (the saga states, the commands' events,
     * the position) and the processor does it again, when the other side has finished. Thrown, not recorded: it is not
     * the step failing. {@link SagaConfiguration} makes the processor propagate what its handlers throw.
     */
    private static void rollBackOnLockConflict(CompletableFuture<Object> sent) {
        if (sent.isCompletedExceptionally() && CurrentUnitOfWork.isStarted()) {
            Throwable failure = sent.handle((result, error) -> error).join();
            if (LockConflicts.isLockConflict(failure)) {
                throw new BatchLockConflictException(failure);
            }
        }
    }

    /** The batch lost a lock conflict and is done again. */
    static final class BatchLockConflictException extends RuntimeException {

        BatchLockConflictException(Throwable cause) {
            super("The saga's batch lost a lock conflict; it is rolled back and done again", cause);
        }
    }
}
