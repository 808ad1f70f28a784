package com.orderplatform.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Follows accepted orders on the query side until each one finished, and reads place→PAID from their views. */
final class OrderTracker {

    private static final Set<String> FINISHED = Set.of("PAID", "CANCELLED", "SHIPPED", "COMPLETED");

    private final Map<String, JsonNode> lastSeen = new ConcurrentHashMap<>();

    /** Polls every unfinished order, round after round, until all finished or {@code timeout} passed. */
    void awaitFinished(PlatformClient client, String admin, List<String> orderIds, Duration timeout, int concurrency) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> open = orderIds;
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            Load.forEachConcurrently(concurrency, open, orderId -> {
                PlatformClient.Answer answer = client.order(admin, orderId);
                if (answer.status() == 200) {
                    lastSeen.put(orderId, answer.body());
                }
            });
            open = open.stream().filter(orderId -> !FINISHED.contains(status(orderId))).toList();
            if (!open.isEmpty()) {
                sleep(200);
            }
        }
    }

    String status(String orderId) {
        JsonNode view = lastSeen.get(orderId);
        return view == null ? "" : view.path("status").asText();
    }

    Map<String, String> statuses(List<String> orderIds) {
        Map<String, String> statuses = new ConcurrentHashMap<>();
        orderIds.forEach(orderId -> statuses.put(orderId, status(orderId)));
        return statuses;
    }

    /** From the order's own event times: placed (createdAt) to confirmed (updatedAt of a PAID order). */
    Histogram placeToPaidMicros() {
        Histogram micros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        lastSeen.values().stream()
                .filter(view -> view.path("status").asText().equals("PAID"))
                .forEach(view -> {
                    long elapsed = Duration.between(Instant.parse(view.get("createdAt").asText()),
                            Instant.parse(view.get("updatedAt").asText())).toNanos() / 1000;
                    micros.recordValue(Math.max(0, Math.min(elapsed, micros.getHighestTrackableValue())));
                });
        return micros;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
