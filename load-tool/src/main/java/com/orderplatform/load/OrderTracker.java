package com.orderplatform.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Follows accepted orders on the query side until each one finished, and reads from their views how fast they got
 * there. Waiting costs the platform almost nothing: until the newest order has finished only that one is asked
 * about, four times a second; then every order is read once, and any still unfinished is followed one at a time.
 */
final class OrderTracker {

    private final Map<String, JsonNode> lastSeen = new ConcurrentHashMap<>();

    /** Returns when the newest order finished (or the wait gave up), before every order is read once more. */
    void awaitFinished(PlatformClient client, String admin, List<String> orderIds, Duration timeout, int concurrency,
                       Runnable whenNewestFinished) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> byPlacement = orderIds.stream().sorted(OrderTracker::placedBefore).toList();
        if (!byPlacement.isEmpty()) {
            String newest = byPlacement.get(byPlacement.size() - 1);
            while (!finished(client, admin, newest) && System.nanoTime() < deadline) {
                sleep(250);
            }
        }
        whenNewestFinished.run();
        List<String> unfinished = readAll(client, admin, byPlacement, concurrency);
        int next = 0;
        while (next < unfinished.size() && System.nanoTime() < deadline) {
            if (finished(client, admin, unfinished.get(next))) {
                next++;
            } else {
                sleep(250);
            }
        }
        if (!unfinished.isEmpty()) {
            readAll(client, admin, unfinished, concurrency);
        }
    }

    /**
     * Waits until every event processor has handled every event in the store (lag 0 on each segment that reports
     * one): the orders' statuses come from the order view, the stock the checks read from the product view, and the
     * views follow the store with a linger of their own. Returns whether they caught up before {@code timeout}; if
     * not, the checks read what the views show and say so by failing.
     */
    static boolean awaitViewsCaughtUp(PlatformClient client, String admin, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            PlatformClient.Answer answer = client.processors(admin);
            if (answer.status() == 200 && caughtUp(answer.body())) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(100);
        }
    }

    static boolean caughtUp(JsonNode processors) {
        for (JsonNode processor : processors) {
            for (JsonNode segment : processor.path("segments")) {
                JsonNode lag = segment.path("lag");
                if (lag.isNumber() && lag.asLong() > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean finished(PlatformClient client, String admin, String orderId) {
        PlatformClient.Answer answer = client.order(admin, orderId);
        if (answer.status() != 200) {
            return false;
        }
        lastSeen.put(orderId, answer.body());
        return CorrectnessCheck.isFinished(answer.body().path("status").asText());
    }

    /** Reads every order once; returns those not finished yet, oldest first. */
    private List<String> readAll(PlatformClient client, String admin, List<String> orderIds, int concurrency) {
        Load.forEachConcurrently(concurrency, orderIds, orderId -> finished(client, admin, orderId));
        List<String> unfinished = new ArrayList<>();
        for (String orderId : orderIds) {
            if (!CorrectnessCheck.isFinished(status(orderId))) {
                unfinished.add(orderId);
            }
        }
        return unfinished;
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

    /** From the orders' own event times: placed (createdAt) to confirmed (updatedAt of a PAID order). */
    Histogram placeToPaidMicros(Collection<String> orderIds) {
        Histogram micros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        paid(orderIds).forEach(view -> micros.recordValue(Math.max(0, Math.min(placeToPaidMicros(view),
                micros.getHighestTrackableValue()))));
        return micros;
    }

    /** When the order was placed (its view's createdAt, an event time), if it was seen. */
    Optional<Instant> placedAt(String orderId) {
        JsonNode view = lastSeen.get(orderId);
        return view == null ? Optional.empty() : Optional.of(Instant.parse(view.get("createdAt").asText()));
    }

    /** Its place→PAID time in microseconds, if the order was seen PAID. */
    OptionalLong placeToPaidMicros(String orderId) {
        JsonNode view = lastSeen.get(orderId);
        return view != null && view.path("status").asText().equals("PAID")
                ? OptionalLong.of(placeToPaidMicros(view)) : OptionalLong.empty();
    }

    private static long placeToPaidMicros(JsonNode view) {
        return Duration.between(Instant.parse(view.get("createdAt").asText()),
                Instant.parse(view.get("updatedAt").asText())).toNanos() / 1000;
    }

    /**
     * Orders that reached PAID per second, from the first order's placement to the last confirmation, both event
     * times on the server: the end-to-end rate of the run, saga included. Zero when no order was paid.
     */
    double paidPerSecond(Collection<String> orderIds) {
        List<JsonNode> paid = paid(orderIds).toList();
        Instant first = orderIds.stream().map(this::placedAt).flatMap(Optional::stream).min(Instant::compareTo)
                .orElse(null);
        Instant last = paid.stream().map(view -> Instant.parse(view.get("updatedAt").asText()))
                .max(Instant::compareTo).orElse(null);
        if (first == null || last == null || !last.isAfter(first)) {
            return 0;
        }
        return Math.round(paid.size() / (Duration.between(first, last).toNanos() / 1e9) * 10) / 10.0;
    }

    private Stream<JsonNode> paid(Collection<String> orderIds) {
        return orderIds.stream().map(lastSeen::get).filter(Objects::nonNull)
                .filter(view -> view.path("status").asText().equals("PAID"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
