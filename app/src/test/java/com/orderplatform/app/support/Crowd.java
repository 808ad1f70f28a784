package com.orderplatform.app.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/** Many buyers placing one-unit orders for one SKU at once; each placement remembers who placed it. */
public final class Crowd {

    /** How long a buyer who retries keeps trying before it takes the last answer as final. */
    private static final Duration RETRY_FOR = Duration.ofSeconds(60);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    public record Placement(String userId, String token, RunningApp.Response response) {

        public boolean accepted() {
            return response.status() == 202;
        }

        public String orderId() {
            return response.json().get("orderId").asText();
        }
    }

    /** The placements' final answers, and how many answers that asked for a retry the buyers retried (by code). */
    public record Sale(List<Placement> placements, Map<String, Long> retried) {
    }

    private Crowd() {
    }

    /** {@code afterEach} sees the number of answers so far, so a test can break something part-way. */
    public static List<Placement> buy(RunningApp app, String sku, List<String> userIds, int placements,
                                      IntConsumer afterEach) {
        return sell(app, sku, userIds, placements, afterEach, false).placements();
    }

    /**
     * As {@link #buy}, with buyers who do what an answer asks: after a 503, or a 409 saying the same key is still
     * being processed, they send the same placement (same idempotency key) again after a pause, for up to a minute.
     * {@code afterEach} sees the number of first answers.
     */
    public static Sale buyRetrying(RunningApp app, String sku, List<String> userIds, int placements,
                                      IntConsumer afterEach) {
        return sell(app, sku, userIds, placements, afterEach, true);
    }

    private static Sale sell(RunningApp app, String sku, List<String> userIds, int placements, IntConsumer afterEach,
                             boolean retry) {
        Map<String, String> tokens = new HashMap<>();
        userIds.forEach(user -> tokens.put(user, app.customer(user)));
        ExecutorService pool = Executors.newFixedThreadPool(48);
        AtomicInteger answered = new AtomicInteger();
        Map<String, LongAdder> retried = new ConcurrentHashMap<>();
        List<CompletableFuture<Placement>> futures = new ArrayList<>();
        for (int i = 0; i < placements; i++) {
            String user = userIds.get(i % userIds.size());
            futures.add(CompletableFuture.supplyAsync(() -> {
                String key = UUID.randomUUID().toString();
                RunningApp.Response response = app.placeOrder(tokens.get(user), "tok_ok", Map.of(sku, 1), key);
                afterEach.accept(answered.incrementAndGet());
                long giveUpAt = System.nanoTime() + RETRY_FOR.toNanos();
                while (retry && asksToRetry(response) && System.nanoTime() - giveUpAt < 0) {
                    retried.computeIfAbsent(response.code(), code -> new LongAdder()).increment();
                    pause();
                    response = app.placeOrder(tokens.get(user), "tok_ok", Map.of(sku, 1), key);
                }
                return new Placement(user, tokens.get(user), response);
            }, pool));
        }
        List<Placement> result = futures.stream().map(CompletableFuture::join).toList();
        pool.shutdown();
        Map<String, Long> retries = new HashMap<>();
        retried.forEach((code, count) -> retries.put(code, count.sum()));
        return new Sale(result, retries);
    }

    private static boolean asksToRetry(RunningApp.Response response) {
        return response.status() == 503 || "IDEMPOTENCY_KEY_IN_FLIGHT".equals(response.code());
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
