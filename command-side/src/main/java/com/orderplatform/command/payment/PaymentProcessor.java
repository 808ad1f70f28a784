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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to the payment provider on behalf of the Payment aggregate, without holding an event-processing thread
 * while the provider thinks. A charge whose answer is lost (crash, provider error) is settled by the saga's
 * payment deadline; a refund is retried until the provider confirms it.
 */
@ProcessingGroup(PaymentProcessor.GROUP)
class PaymentProcessor {

    static final String GROUP = "payment-gateway";
    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);
    private static final int REFUND_ATTEMPTS = 10;

    private final PaymentGateway gateway;
    private final CommandGateway commands;

    PaymentProcessor(PaymentGateway gateway, CommandGateway commands) {
        this.gateway = gateway;
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRequestedEvent event) {
        gateway.charge(new PaymentGateway.ChargeRequest(event.orderId(), event.amountCents(), event.currency(),
                        event.paymentMethod()))
                .thenCompose(result -> commands.send(new RecordChargeOutcomeCommand(event.orderId(), result.approved(),
                        result.providerReference(), result.declineReason())))
                .exceptionally(e -> {
                    log.warn("Charge for order {} got no usable answer; its payment deadline will settle it",
                            event.orderId(), e);
                    return null;
                });
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRefundRequestedEvent event) {
        refund(event, 1);
    }

    private void refund(PaymentRefundRequestedEvent event, int attempt) {
        gateway.refund(new PaymentGateway.RefundRequest(event.orderId(), event.amountCents(), event.currency(),
                        event.providerReference()))
                .thenCompose(reference -> commands.send(new RecordRefundCommand(event.orderId(), reference)))
                .exceptionally(e -> {
                    if (attempt >= REFUND_ATTEMPTS) {
                        log.error("Refund for order {} failed {} times; re-drive its saga once the provider is back",
                                event.orderId(), attempt, e);
                    } else {
                        Duration backoff = Duration.ofMillis(200L << Math.min(attempt, 8));
                        log.warn("Refund for order {} failed (attempt {}); retrying in {}", event.orderId(), attempt,
                                backoff, e);
                        CompletableFuture.delayedExecutor(backoff.toMillis(), TimeUnit.MILLISECONDS)
                                .execute(() -> refund(event, attempt + 1));
                    }
                    return null;
                });
    }
}
