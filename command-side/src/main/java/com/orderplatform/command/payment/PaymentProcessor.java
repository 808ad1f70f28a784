package com.orderplatform.command.payment;

import com.orderplatform.api.payment.PaymentRefundRequestedEvent;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.api.payment.RecordChargeOutcomeCommand;
import com.orderplatform.api.payment.RecordRefundCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to the payment provider on behalf of the Payment aggregate. The calls of one batch run in parallel,
 * and the processor's token only moves on once each has been answered (or given up after the gateway timeout):
 * a crash mid-call redelivers the request, and the order id as idempotency key keeps the provider from charging
 * twice. A charge given up on is settled by the saga's payment deadline.
 */
@ProcessingGroup(PaymentProcessor.GROUP)
class PaymentProcessor {

    static final String GROUP = "payment-gateway";
    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);
    private static final int REFUND_ATTEMPTS = 5;

    private final PaymentGateway gateway;
    private final CommandGateway commands;
    private final Duration gatewayTimeout;

    PaymentProcessor(PaymentGateway gateway, CommandGateway commands, Duration gatewayTimeout) {
        this.gateway = gateway;
        this.commands = commands;
        this.gatewayTimeout = gatewayTimeout;
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRequestedEvent event) {
        CompletableFuture<?> call = gateway.charge(new PaymentGateway.ChargeRequest(event.orderId(),
                        event.amountCents(), event.currency(), event.paymentMethod()))
                .orTimeout(gatewayTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(result -> commands.send(new RecordChargeOutcomeCommand(event.orderId(), result.approved(),
                        result.providerReference(), result.declineReason())))
                .exceptionally(e -> {
                    log.warn("Charge for order {} got no usable answer; its payment deadline will settle it",
                            event.orderId(), e);
                    return null;
                });
        completeBeforeCommit(call);
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRefundRequestedEvent event) {
        completeBeforeCommit(refund(event, 1));
    }

    private CompletableFuture<?> refund(PaymentRefundRequestedEvent event, int attempt) {
        return gateway.refund(new PaymentGateway.RefundRequest(event.orderId(), event.amountCents(), event.currency(),
                        event.providerReference()))
                .orTimeout(gatewayTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(reference -> commands.send(new RecordRefundCommand(event.orderId(), reference)))
                .<CompletableFuture<?>>handle((ok, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (attempt >= REFUND_ATTEMPTS) {
                        throw new IllegalStateException("refund for order " + event.orderId() + " failed "
                                + attempt + " times", e);
                    }
                    log.warn("Refund for order {} failed (attempt {}); retrying", event.orderId(), attempt, e);
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(100L << attempt, TimeUnit.MILLISECONDS))
                            .thenCompose(x -> refund(event, attempt + 1));
                })
                .thenCompose(next -> next);
    }

    /** An exception here fails the batch, so the event is redelivered: a refund is never dropped. */
    private static void completeBeforeCommit(CompletableFuture<?> call) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> call.join());
        } else {
            call.join();
        }
    }
}
