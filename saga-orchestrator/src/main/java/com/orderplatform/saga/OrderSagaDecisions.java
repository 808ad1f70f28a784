package com.orderplatform.saga;

import static com.orderplatform.saga.OrderSagaDecision.stay;
import static com.orderplatform.saga.OrderSagaDecision.to;
import static com.orderplatform.saga.OrderSagaStep.CANCELLING_ORDER;
import static com.orderplatform.saga.OrderSagaStep.CHARGING_PAYMENT;
import static com.orderplatform.saga.OrderSagaStep.CONFIRMING_ORDER;
import static com.orderplatform.saga.OrderSagaStep.DONE;
import static com.orderplatform.saga.OrderSagaStep.PARKED;
import static com.orderplatform.saga.OrderSagaStep.REFUNDING_PAYMENT;
import static com.orderplatform.saga.OrderSagaStep.RELEASING_STOCK;
import static com.orderplatform.saga.OrderSagaStep.RESERVING_STOCK;

import com.orderplatform.api.inventory.ReleaseGateReservationCommand;
import com.orderplatform.api.inventory.ReleaseStockCommand;
import com.orderplatform.api.inventory.ReservationRejectionReason;
import com.orderplatform.api.inventory.ReserveStockCommand;
import com.orderplatform.api.inventory.StockReleasedEvent;
import com.orderplatform.api.inventory.StockReservationRejectedEvent;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.api.order.CancelOrderCommand;
import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.ConfirmOrderCommand;
import com.orderplatform.api.order.OrderCancellationRequestedEvent;
import com.orderplatform.api.order.OrderCancelledEvent;
import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.payment.ChargePaymentCommand;
import com.orderplatform.api.payment.ExpirePaymentCommand;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentDeclinedEvent;
import com.orderplatform.api.payment.PaymentExpiredEvent;
import com.orderplatform.api.payment.PaymentParkedEvent;
import com.orderplatform.api.payment.PaymentRefundedEvent;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.api.payment.RefundPaymentCommand;
import com.orderplatform.api.payment.ResumePaymentCommand;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The order saga as a pure function: (state, event) → (next state, at most one command).
 *
 * <pre>
 * 1 OrderPlaced      → ReserveStock     rejected        → CancelOrder(OUT_OF_STOCK | LIMIT_EXCEEDED)
 * 2 StockReserved    → ChargePayment    declined/late   → ReleaseStock → CancelOrder(PAYMENT_DECLINED | PAYMENT_TIMEOUT)
 *   PaymentParked    → PARKED (provider unreachable; PaymentRequested again → back to charging; max park → expired)
 * 3 PaymentCharged   → ConfirmOrder (units sold and order PAID, together)
 * – cancellation requested: RefundPayment if charged → ReleaseStock → CancelOrder(CUSTOMER_REQUEST)
 * – every cancellation, once recorded → ReleaseGateReservation
 * </pre>
 *
 * Every compensation ends with CancelOrder, so a CANCELLED order has given back everything it held; the saga's
 * last act is to give the Redis gate back what ingress took for the order. The payment's timeout is the payment
 * side's (counted from the provider call); the saga only expires a charge that got no answer at all within its
 * charge deadline ({@link #chargeOverdue}). Events that do not belong to the current step (duplicates, late answers)
 * change nothing.
 */
public final class OrderSagaDecisions {

    private OrderSagaDecisions() {
    }

    /** What the saga of this order does with the event; empty when the event starts nothing and changes nothing. */
    public static Optional<OrderSagaDecision> on(Optional<OrderSagaState> current, Object event) {
        if (event instanceof OrderPlacedEvent placed) {
            return current.isPresent() ? Optional.empty() : Optional.of(start(placed));
        }
        if (event instanceof OrderCancellationRequestedEvent requested
                && current.map(state -> state.step() == DONE).orElse(true)) {
            return Optional.of(startCancellation(requested));
        }
        return current.map(state -> decide(state, event));
    }

    static OrderSagaDecision start(OrderPlacedEvent event) {
        OrderSagaState state = new OrderSagaState(event.orderId(), event.userId(), event.lines(), event.totalCents(),
                event.currency(), event.paymentMethod(), RESERVING_STOCK, Set.of(), false, null);
        return enter(state);
    }

    /** A cancellation of an order whose saga has already ended, i.e. a PAID order: give back money and stock. */
    static OrderSagaDecision startCancellation(OrderCancellationRequestedEvent event) {
        OrderSagaState state = new OrderSagaState(event.orderId(), event.userId(), event.lines(), 0, null, null,
                DONE, Set.of(), true, CancelReason.CUSTOMER_REQUEST);
        if (event.statusAtRequest() != OrderStatus.PAID) {
            return stay(state);
        }
        return enter(state.at(REFUNDING_PAYMENT));
    }

    /** One row of the table per step: the events the step waits for, and what each of them sends. */
    static OrderSagaDecision decide(OrderSagaState state, Object event) {
        if (event instanceof OrderCancellationRequestedEvent) {
            return onCancellationRequested(state);
        }
        return switch (state.step()) {
            case RESERVING_STOCK -> reservingStock(state, event);
            case CHARGING_PAYMENT -> chargingPayment(state, event);
            case PARKED -> parked(state, event);
            case CONFIRMING_ORDER -> confirmingOrder(state, event);
            case REFUNDING_PAYMENT -> refundingPayment(state, event);
            case RELEASING_STOCK -> releasingStock(state, event);
            case CANCELLING_ORDER -> cancellingOrder(state, event);
            case DONE -> stay(state);
        };
    }

    /** StockReserved, once for every SKU → ChargePayment; StockReservationRejected → CancelOrder(its reason). */
    private static OrderSagaDecision reservingStock(OrderSagaState state, Object event) {
        if (event instanceof StockReservedEvent reserved) {
            return onStockReserved(state.withSkuDone(reserved.sku()));
        }
        if (event instanceof StockReservationRejectedEvent rejected) {
            return cancel(state.cancelling(reasonFor(rejected.reason()), CANCELLING_ORDER));
        }
        return stay(state);
    }

    /** PaymentCharged → ConfirmOrder; PaymentDeclined or PaymentExpired → ReleaseStock, then CancelOrder. */
    private static OrderSagaDecision chargingPayment(OrderSagaState state, Object event) {
        if (event instanceof PaymentChargedEvent) {
            return onCharged(state);
        }
        if (event instanceof PaymentDeclinedEvent) {
            return release(state.cancelling(CancelReason.PAYMENT_DECLINED, RELEASING_STOCK));
        }
        if (event instanceof PaymentExpiredEvent) {
            return release(state.cancelling(CancelReason.PAYMENT_TIMEOUT, RELEASING_STOCK));
        }
        if (event instanceof PaymentParkedEvent) {
            return state.cancelReason() == CancelReason.OPERATOR_ABORT
                    ? to(state.at(PARKED), new ExpirePaymentCommand(state.orderId()))
                    : stay(state.at(PARKED));
        }
        return stay(state);
    }

    /**
     * PaymentRequested (the parked charge requested again) → charging; its outcome, or its expiry after the maximum
     * park, as while charging.
     */
    private static OrderSagaDecision parked(OrderSagaState state, Object event) {
        if (event instanceof PaymentRequestedEvent) {
            return stay(state.at(CHARGING_PAYMENT));
        }
        return event instanceof PaymentParkedEvent ? stay(state) : chargingPayment(state, event);
    }

    /** OrderConfirmed → done: the units are sold and the order is PAID. */
    private static OrderSagaDecision confirmingOrder(OrderSagaState state, Object event) {
        return event instanceof OrderConfirmedEvent ? stay(state.at(DONE)) : stay(state);
    }

    /** PaymentRefunded → ReleaseStock. */
    private static OrderSagaDecision refundingPayment(OrderSagaState state, Object event) {
        return event instanceof PaymentRefundedEvent ? release(state.at(RELEASING_STOCK)) : stay(state);
    }

    /** StockReleased, once for every SKU → CancelOrder. */
    private static OrderSagaDecision releasingStock(OrderSagaState state, Object event) {
        return event instanceof StockReleasedEvent released ? onStockReleased(state.withSkuDone(released.sku()))
                : stay(state);
    }

    /** OrderCancelled → ReleaseGateReservation, the saga's last act. */
    private static OrderSagaDecision cancellingOrder(OrderSagaState state, Object event) {
        return event instanceof OrderCancelledEvent ? enter(state.at(DONE)) : stay(state);
    }

    /**
     * An operator aborts the order ({@code failed}: the step's command failed for good). Whatever was done is given
     * back and the order ends CANCELLED (OPERATOR_ABORT): a step still in flight is let finish and then compensated,
     * like a customer's cancellation (a late charge is refunded); a step whose command failed is not waited for; a
     * parked charge (nothing charged) is expired at once. A saga already compensating just goes on (its failed
     * command is sent again); an ended one changes nothing.
     */
    public static OrderSagaDecision abort(OrderSagaState state, boolean failed) {
        OrderSagaState aborting = state.aborted();
        return switch (state.step()) {
            case RESERVING_STOCK -> failed ? cancel(aborting.at(CANCELLING_ORDER)) : stay(aborting);
            case CHARGING_PAYMENT -> failed ? release(aborting.at(RELEASING_STOCK)) : stay(aborting);
            case PARKED -> to(aborting, new ExpirePaymentCommand(state.orderId()));
            case CONFIRMING_ORDER -> enter(aborting.at(REFUNDING_PAYMENT));
            case REFUNDING_PAYMENT, RELEASING_STOCK, CANCELLING_ORDER, DONE -> failed ? enter(state) : stay(state);
        };
    }

    /**
     * The charge got no answer at all within the saga's charge deadline (the payment side never settled it, for
     * instance because it was down): expire it. An answer that arrives first wins, since the payment only expires
     * while it is still waiting.
     */
    public static Optional<Object> chargeOverdue(OrderSagaState state) {
        return state.step() == CHARGING_PAYMENT || state.step() == PARKED
                ? Optional.of(new ExpirePaymentCommand(state.orderId())) : Optional.empty();
    }

    private static OrderSagaDecision onCancellationRequested(OrderSagaState state) {
        OrderSagaState requested = state.withCancellationRequested();
        if (state.step() == CONFIRMING_ORDER) {
            return enter(requested.at(REFUNDING_PAYMENT));
        }
        return stay(requested);
    }

    private static OrderSagaDecision onStockReserved(OrderSagaState state) {
        if (!state.allSkusDone()) {
            return stay(state);
        }
        if (state.cancellationRequested()) {
            return release(state.at(RELEASING_STOCK));
        }
        return enter(state.at(CHARGING_PAYMENT));
    }

    private static OrderSagaDecision onCharged(OrderSagaState state) {
        if (state.cancellationRequested()) {
            return enter(state.at(REFUNDING_PAYMENT));
        }
        return enter(state.at(CONFIRMING_ORDER));
    }

    private static OrderSagaDecision onStockReleased(OrderSagaState state) {
        return state.allSkusDone() ? cancel(state.at(CANCELLING_ORDER)) : stay(state);
    }

    private static OrderSagaDecision release(OrderSagaState state) {
        return enter(state);
    }

    private static OrderSagaDecision cancel(OrderSagaState state) {
        return enter(state);
    }

    /** The saga in its new step, sending that step's command. */
    private static OrderSagaDecision enter(OrderSagaState state) {
        return to(state, pendingCommand(state).orElse(null));
    }

    /**
     * The command whose answer the saga awaits in its step — what it sent on entering the step, and what an
     * operator's re-drive sends again (every one is idempotent per order). A cancelled order's saga ends by giving
     * the gate its units back; a saga that ended PAID awaits nothing.
     */
    public static Optional<Object> pendingCommand(OrderSagaState state) {
        String orderId = state.orderId();
        return Optional.ofNullable(switch (state.step()) {
            case RESERVING_STOCK -> new ReserveStockCommand(orderId, state.userId(), state.lines());
            case CHARGING_PAYMENT -> new ChargePaymentCommand(orderId, state.userId(), state.totalCents(),
                    state.currency(), state.paymentMethod());
            case PARKED -> new ResumePaymentCommand(orderId);
            case CONFIRMING_ORDER -> new ConfirmOrderCommand(orderId, state.lines());
            case REFUNDING_PAYMENT -> new RefundPaymentCommand(orderId);
            case RELEASING_STOCK -> new ReleaseStockCommand(orderId, state.lines());
            case CANCELLING_ORDER -> new CancelOrderCommand(orderId, state.cancelReason());
            case DONE -> state.cancelReason() != null ? new ReleaseGateReservationCommand(orderId, skus(state)) : null;
        });
    }

    private static List<String> skus(OrderSagaState state) {
        return state.lines().stream().map(OrderLine::sku).toList();
    }

    private static CancelReason reasonFor(ReservationRejectionReason reason) {
        return reason == ReservationRejectionReason.LIMIT_EXCEEDED ? CancelReason.LIMIT_EXCEEDED : CancelReason.OUT_OF_STOCK;
    }
}
