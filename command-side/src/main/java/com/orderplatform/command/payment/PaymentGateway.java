package com.orderplatform.command.payment;

import java.util.concurrent.CompletableFuture;

/** The payment provider. Calls never block the caller; the order id is the idempotency key of each call. */
public interface PaymentGateway {

    CompletableFuture<ChargeResult> charge(ChargeRequest request);

    CompletableFuture<String> refund(RefundRequest request);

    record ChargeRequest(String orderId, long amountCents, String currency, String paymentMethod) {
    }

    record RefundRequest(String orderId, long amountCents, String currency, String providerReference) {
    }

    record ChargeResult(boolean approved, String providerReference, String declineReason) {

        static ChargeResult approved(String reference) {
            return new ChargeResult(true, reference, null);
        }

        static ChargeResult declined(String reason) {
            return new ChargeResult(false, null, reason);
        }
    }
}
