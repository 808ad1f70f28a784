package com.orderplatform.command.payment;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A provider that answers after a configured latency. Its answers come from one scheduler thread, as a real
 * client's would come from its I/O threads: nothing is started per call.
 */
public class SimulatedPaymentGateway implements PaymentGateway, AutoCloseable {

    private final SimulatedPaymentGatewayProperties properties;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "payment-provider");
        thread.setDaemon(true);
        return thread;
    });

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

    private <T> CompletableFuture<T> after(Duration delay, T value) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        answers.schedule(() -> answer.complete(value), delay.toMillis(), TimeUnit.MILLISECONDS);
        return answer;
    }

    @Override
    public void close() {
        answers.shutdownNow();
    }
}
