package com.orderplatform.command.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.payment.ChargePaymentCommand;
import com.orderplatform.api.payment.ExpirePaymentCommand;
import com.orderplatform.api.payment.ParkPaymentCommand;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentDeclinedEvent;
import com.orderplatform.api.payment.PaymentExpiredEvent;
import com.orderplatform.api.payment.PaymentIds;
import com.orderplatform.api.payment.PaymentParkedEvent;
import com.orderplatform.api.payment.PaymentRefundRequestedEvent;
import com.orderplatform.api.payment.PaymentRefundedEvent;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.api.payment.RecordChargeOutcomeCommand;
import com.orderplatform.api.payment.RecordRefundCommand;
import com.orderplatform.api.payment.RefundPaymentCommand;
import com.orderplatform.api.payment.RefundReason;
import com.orderplatform.api.payment.ResumePaymentCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One payment per order, keyed by the order id. The gateway is called outside the aggregate (see
 * {@link PaymentProcessor}); the aggregate records what it answered, synchronously or by webhook. A charge that
 * arrives after the payment expired is refunded at once, so a cancelled order never keeps a customer's money. Its
 * ledger rules: a charge is authorised and captured in one step, for exactly the amount requested; a refund gives
 * back exactly what was captured, once — an outcome with another amount is refused and changes nothing.
 */
@Aggregate(cache = "paymentCache", lockFactory = "paymentLocks")
class Payment {

    enum State { REQUESTED, PARKED, CHARGED, DECLINED, EXPIRED, REFUND_REQUESTED, REFUNDED }

    @AggregateIdentifier
    private String paymentId;
    private String orderId;
    private State state;
    private long amountCents;
    private String currency;
    private String userId;
    private String paymentMethod;
    private String providerReference;
    private RefundReason refundReason;

    Payment() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChargePaymentCommand command) {
        if (state != null) {
            return;
        }
        apply(new PaymentRequestedEvent(command.orderId(), command.userId(), command.amountCents(),
                command.currency(), command.paymentMethod()));
    }

    @CommandHandler
    void handle(RecordChargeOutcomeCommand command) {
        if (command.approved() && command.amountCents() != amountCents) {
            throw RuleViolation.unprocessable("AMOUNT_MISMATCH", "The provider reports a charge of "
                    + command.amountCents() + " for order " + orderId + "; " + amountCents + " was requested.");
        }
        if (state == State.REQUESTED) {
            apply(command.approved()
                    ? new PaymentChargedEvent(orderId, amountCents, currency, command.providerReference())
                    : new PaymentDeclinedEvent(orderId, command.declineReason()));
        } else if (state == State.EXPIRED && command.approved()) {
            apply(new PaymentChargedEvent(orderId, amountCents, currency, command.providerReference()));
            apply(new PaymentRefundRequestedEvent(orderId, amountCents, currency, command.providerReference(),
                    RefundReason.CHARGED_AFTER_EXPIRY));
        }
    }

    /** A parked charge expires too: its saga's wait for the provider (max park) is over. */
    @CommandHandler
    void handle(ExpirePaymentCommand command) {
        if (state == State.REQUESTED || state == State.PARKED) {
            apply(new PaymentExpiredEvent(orderId));
        }
    }

    @CommandHandler
    void handle(ParkPaymentCommand command) {
        if (state == State.REQUESTED) {
            apply(new PaymentParkedEvent(orderId));
        }
    }

    /**
     * A parked charge is requested again, and so is a refund the provider could not be reached for; any other state
     * (already resumed, settled) changes nothing.
     */
    @CommandHandler
    void handle(ResumePaymentCommand command) {
        if (state == State.PARKED) {
            apply(new PaymentRequestedEvent(orderId, userId, amountCents, currency, paymentMethod));
        } else if (state == State.REFUND_REQUESTED) {
            apply(new PaymentRefundRequestedEvent(orderId, amountCents, currency, providerReference, refundReason));
        }
    }

    @CommandHandler
    void handle(RefundPaymentCommand command) {
        if (state == State.REFUND_REQUESTED || state == State.REFUNDED) {
            return;
        }
        if (state != State.CHARGED) {
            throw RuleViolation.conflict("NOTHING_TO_REFUND", "Payment for order " + orderId + " is " + state + ".");
        }
        apply(new PaymentRefundRequestedEvent(orderId, amountCents, currency, providerReference,
                RefundReason.ORDER_CANCELLED));
    }

    @CommandHandler
    void handle(RecordRefundCommand command) {
        if (command.amountCents() != amountCents) {
            throw RuleViolation.unprocessable("AMOUNT_MISMATCH", "The provider reports a refund of "
                    + command.amountCents() + " for order " + orderId + "; " + amountCents + " was captured.");
        }
        if (state == State.REFUND_REQUESTED) {
            apply(new PaymentRefundedEvent(orderId, amountCents, currency, command.providerReference()));
        }
    }

    @EventSourcingHandler
    void on(PaymentRequestedEvent event) {
        paymentId = PaymentIds.forOrder(event.orderId());
        orderId = event.orderId();
        amountCents = event.amountCents();
        currency = event.currency();
        userId = event.userId();
        paymentMethod = event.paymentMethod();
        state = State.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentParkedEvent event) {
        state = State.PARKED;
    }

    @EventSourcingHandler
    void on(PaymentChargedEvent event) {
        providerReference = event.providerReference();
        state = State.CHARGED;
    }

    @EventSourcingHandler
    void on(PaymentDeclinedEvent event) {
        state = State.DECLINED;
    }

    @EventSourcingHandler
    void on(PaymentExpiredEvent event) {
        state = State.EXPIRED;
    }

    @EventSourcingHandler
    void on(PaymentRefundRequestedEvent event) {
        state = State.REFUND_REQUESTED;
        refundReason = event.reason();
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        state = State.REFUNDED;
    }
}
