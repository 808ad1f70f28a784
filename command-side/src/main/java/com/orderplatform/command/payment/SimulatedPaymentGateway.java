package com.orderplatform.command.payment;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

public class SimulatedPaymentGateway implements PaymentGateway {

    private final SimulatedPaymentGatewayProperties properties;

    public SimulatedPaymentGateway(SimulatedPaymentGatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public CompletableFuture<ChargeResult> charge(ChargeRequest request) {
        String reference = "sim-" + request.orderId();
        return switch (request.paymentMethod()) {
            case "tok_ok" -> after(properties.latency(), ChargeResult.approved(reference));
            case "tok_declined" -> after(properties.latency(), ChargeResult.declined("card_declined"));
            case "tok_slow" -> after(properties.slowLatency(), ChargeResult.approved(reference));
            default -> after(properties.latency(), ThreadLocalRandom.current().nextDouble() < properties.failureRate()
                    ? ChargeResult.declined("simulated_failure")
                    : ChargeResult.approved(reference));
        };
    }

    @Override
    public CompletableFuture<String> refund(RefundRequest request) {
        return after(properties.latency(), "sim-refund-" + request.orderId());
    }

    private static <T> CompletableFuture<T> after(Duration delay, T value) {
        return CompletableFuture.supplyAsync(() -> value,
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }
}
