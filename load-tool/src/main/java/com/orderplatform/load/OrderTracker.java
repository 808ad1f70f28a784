package com.orderplatform.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Follows accepted orders on the query side until each one finished, and reads place→PAID from their views. */
final class OrderTracker {

    private final Map<String, JsonNode> lastSeen = new ConcurrentHashMap<>();

    /**
     * Waits for the orders in the order they were placed, asking about one at a time — the oldest unfinished — so
     * that waiting adds almost no load to the platform it measures; then reads every order once more.
     */
    void awaitFinished(PlatformClient client, String admin, List<String> orderIds, Duration timeout, int concurrency) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> byPlacement = orderIds.stream().sorted(OrderTracker::placedBefore).toList();
        int next = 0;
        while (next < byPlacement.size() && System.nanoTime() < deadline) {
            String orderId = byPlacement.get(next);
            PlatformClient.Answer answer = client.order(admin, orderId);
            if (answer.status() == 200 && CorrectnessCheck.isFinished(answer.body().path("status").asText())) {
                next++;
            } else {
                sleep(250);
            }
        }
        Load.forEachConcurrently(concurrency, byPlacement, orderId -> {
            PlatformClient.Answer answer = client.order(admin, orderId);
            if (answer.status() == 200) {
                lastSeen.put(orderId, answer.body());
            }
        });
    }

    /** Snowflake ids grow with time: a shorter id, or a smaller one of the same length, was placed earlier. */
    private static int placedBefore(String left, String right) {
        return left.length() != right.length() ? Integer.compare(left.length(), right.length()) : left.compareTo(right);
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
