package com.orderplatform.app.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Many buyers placing one-unit orders for one SKU at once; each placement remembers who placed it. */
public final class Crowd {

    public record Placement(String userId, String token, RunningApp.Response response) {

        public boolean accepted() {
            return response.status() == 202;
        }

        public String orderId() {
            return response.json().get("orderId").asText();
        }
    }

    private Crowd() {
    }

    /** {@code afterEach} sees the number of answers so far, so a test can break something part-way. */
    public static List<Placement> buy(RunningApp app, String sku, List<String> userIds, int placements,
                                      IntConsumer afterEach) {
        Map<String, String> tokens = new java.util.HashMap<>();
        userIds.forEach(user -> tokens.put(user, app.customer(user)));
        ExecutorService pool = Executors.newFixedThreadPool(48);
        AtomicInteger answered = new AtomicInteger();
        List<CompletableFuture<Placement>> futures = new ArrayList<>();
        for (int i = 0; i < placements; i++) {
            String user = userIds.get(i % userIds.size());
            futures.add(CompletableFuture.supplyAsync(() -> {
                Placement placement = new Placement(user, tokens.get(user),
                        app.placeOrder(tokens.get(user), "tok_ok", Map.of(sku, 1)));
                afterEach.accept(answered.incrementAndGet());
                return placement;
            }, pool));
        }
        List<Placement> result = futures.stream().map(CompletableFuture::join).toList();
        pool.shutdown();
        return result;
    }
}
