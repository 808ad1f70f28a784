package com.orderplatform.command.payment;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A provider that answers after a configured latency. Its answers come from one scheduler thread, as a real
 * client's would come from its I/O threads: nothing is started per call. Like a real provider it treats the order
 * id as the idempotency key (a second call for an order gets the first answer, and charges nothing more), and it
 * keeps its own record of every call, charge and refund. For rehearsing incidents it can be taken DOWN (every call
 * fails at once with a connection error) or made SLOW.
 */
public class SimulatedPaymentGateway implements PaymentGateway, AutoCloseable {

    /** How many orders' records the provider keeps (the oldest are forgotten first). */
    static final int RECORDED_ORDERS = 100_000;

    public enum Mode { UP, DOWN, SLOW }

    /** The provider's behaviour now; {@code latency} null: the configured one. */
    public record Settings(Mode mode, Duration latency) {
    }

    /** One call as the provider saw it. */
    public record Call(Instant at, String kind, String outcome) {
    }

    /** What the provider holds for one order: its calls, the charges it made, the refunds it made. */
    public record Record(String orderId, List<Call> calls, List<String> charges, List<String> refunds) {
    }

    private final SimulatedPaymentGatewayProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "payment-provider");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Settings settings = new Settings(Mode.UP, null);
    private final Map<String, Ledger> ledgers = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ledger> eldest) {
            return size() > RECORDED_ORDERS;
        }
    };

    /** Per order: the answer of its charge (the idempotency key's), its refund, and every call. */
    private static final class Ledger {
        private CompletableFuture<ChargeResult> charge;
        private CompletableFuture<String> refund;
        private final List<Call> calls = new ArrayList<>();
    }

    public SimulatedPaymentGateway(SimulatedPaymentGatewayProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    public void set(Settings settings) {
        this.settings = settings;
    }

    @Override
    public CompletableFuture<ChargeResult> charge(ChargeRequest request) {
        Settings now = settings;
        synchronized (ledgers) {
            Ledger ledger = ledgers.computeIfAbsent(request.orderId(), id -> new Ledger());
            if (now.mode() == Mode.DOWN) {
                ledger.calls.add(new Call(clock.instant(), "charge", "refused: provider down"));
                return CompletableFuture.failedFuture(new ConnectException("simulated payment provider is down"));
            }
            if (ledger.charge != null) {
                ledger.calls.add(new Call(clock.instant(), "charge", "repeat: first answer again"));
                return ledger.charge.copy();
            }
            ledger.calls.add(new Call(clock.instant(), "charge", "accepted"));
            ledger.charge = after(latency(now, request.paymentMethod()), decide(request));
            // A copy: a caller's timeout on its answer must not change the provider's own record.
            return ledger.charge.copy();
        }
    }

    @Override
    public CompletableFuture<String> refund(RefundRequest request) {
        Settings now = settings;
        synchronized (ledgers) {
            Ledger ledger = ledgers.computeIfAbsent(request.orderId(), id -> new Ledger());
            if (now.mode() == Mode.DOWN) {
                ledger.calls.add(new Call(clock.instant(), "refund", "refused: provider down"));
                return CompletableFuture.failedFuture(new ConnectException("simulated payment provider is down"));
            }
            if (ledger.refund == null) {
                ledger.calls.add(new Call(clock.instant(), "refund", "accepted"));
                ledger.refund = after(latency(now, null), "sim-refund-" + request.orderId());
            } else {
                ledger.calls.add(new Call(clock.instant(), "refund", "repeat: first answer again"));
            }
            return ledger.refund.copy();
        }
    }

    /** The provider's own record for one order (empty lists when it never heard of it). */
    public Record record(String orderId) {
        synchronized (ledgers) {
            Ledger ledger = ledgers.get(orderId);
            if (ledger == null) {
                return new Record(orderId, List.of(), List.of(), List.of());
            }
            List<String> charges = ledger.charge != null && ledger.charge.isDone() && !ledger.charge.isCompletedExceptionally()
                    && ledger.charge.join().approved() ? List.of(ledger.charge.join().providerReference()) : List.of();
            List<String> refunds = ledger.refund != null && ledger.refund.isDone() ? List.of(ledger.refund.join())
                    : List.of();
            return new Record(orderId, List.copyOf(ledger.calls), charges, refunds);
        }
    }

    private ChargeResult decide(ChargeRequest request) {
        String reference = "sim-" + request.orderId();
        return switch (request.paymentMethod()) {
            case "tok_ok", "tok_slow" -> ChargeResult.approved(reference);
            case "tok_declined" -> ChargeResult.declined("card_declined");
            default -> ThreadLocalRandom.current().nextDouble() < properties.failureRate()
                    ? ChargeResult.declined("simulated_failure")
                    : ChargeResult.approved(reference);
        };
    }

    private Duration latency(Settings now, String paymentMethod) {
        if ("tok_slow".equals(paymentMethod)) {
            return properties.slowLatency();
        }
        return now.latency() != null ? now.latency() : properties.latency();
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
