package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.app.support.PaymentProvider;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The event processors as an operator sees them, and a view replayed while orders keep coming. */
class ProcessorOperationsIT {

    private final RunningApp app = app();
    private final String admin = app.admin();

    /** The application under test: the shared one on H2; the PostgreSQL variant overrides it. */
    RunningApp app() {
        return SharedApp.get();
    }

    private JsonNode processor(String name) {
        for (JsonNode processor : app.get("/api/admin/processors", admin).json()) {
            if (processor.get("name").asText().equals(name)) {
                return processor;
            }
        }
        throw new AssertionError("no processor " + name);
    }

    @Test
    void everyProcessorIsListedWithItsModeSegmentsPositionAndDeadLetters() {
        JsonNode view = processor("order-view");
        assertThat(view.get("mode").asText()).isEqualTo("tracking");
        assertThat(view.get("replay").asText()).isEqualTo("replayable");
        assertThat(view.get("deadLetters").asLong()).isZero();
        assertThat(view.get("segments")).isNotEmpty();
        assertThat(view.get("segments").get(0).get("owner").asText()).isNotBlank();
        assertThat(view.get("segments").get(0).get("position").isNumber()).isTrue();
        assertThat(processor("catalog").get("mode").asText()).isEqualTo("subscribing");
        assertThat(processor("order-saga").get("replay").asText()).startsWith("not replayable");
        assertThat(app.get("/api/admin/processors/order-view/dead-letters", admin).json()).isEmpty();
    }

    @Test
    void theSagaThePublisherAndThePaymentProcessorRefuseAReplay() {
        for (String name : List.of("order-saga", "kafka-publisher", "payment-gateway", "catalog")) {
            RunningApp.Response refused = app.post("/api/admin/processors/" + name + "/replay", admin, Map.of());
            assertThat(refused.status()).as(name).isEqualTo(409);
            assertThat(refused.code()).as(name).isEqualTo("REPLAY_REFUSED");
        }
        assertThat(app.post("/api/admin/processors/nope/replay", admin, Map.of()).code())
                .isEqualTo("PROCESSOR_NOT_FOUND");
        assertThat(app.post("/api/admin/processors/order-saga/dead-letters/retry", admin, Map.of()).code())
                .isEqualTo("NO_DEAD_LETTER_QUEUE");
        assertThat(app.get("/api/admin/processors", app.customer("proc-mallory")).status()).isEqualTo(403);
        assertThat(app.post("/api/admin/processors/order-view/replay", app.customer("proc-mallory"), Map.of())
                .status()).isEqualTo(403);
    }

    @Test
    void aViewReplayedWhileOrdersArePlacedKeepsAnsweringAndEndsEqualToTheEvents() throws Exception {
        app.defineProduct("REPLAY-1", 100, 1_000, 0);
        String token = app.customer("replay-buyer");
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(app.placeOrderId(token, "tok_ok", "REPLAY-1", 1));
        }
        Map<String, JsonNode> was = new HashMap<>();
        for (String id : before) {
            was.put(id, awaitTerminal(app, admin, id, Duration.ofSeconds(10)));
        }
        // A view gone wrong (the reason to replay): the replay builds it again from its events.
        String wrong = before.get(0);
        app.jdbc().update("update order_view set total_cents = 999, status = 'CANCELLED' where order_id = ?", wrong);
        AtomicBoolean replaying = new AtomicBoolean(true);
        CompletableFuture<List<String>> unanswered = CompletableFuture.supplyAsync(() -> {
            List<String> missing = new ArrayList<>();
            while (replaying.get()) {
                for (String id : before) {
                    if (app.get("/api/orders/" + id, admin).status() != 200) {
                        missing.add(id);
                    }
                }
            }
            return missing;
        });
        CompletableFuture<List<String>> during = CompletableFuture.supplyAsync(() -> {
            List<String> placed = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                placed.add(app.placeOrderId(token, "tok_ok", "REPLAY-1", 1));
            }
            return placed;
        });

        RunningApp.Response replay = app.post("/api/admin/processors/order-view/replay", admin, Map.of());
        List<String> placed = during.get();

        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        List<String> all = new ArrayList<>(before);
        all.addAll(placed);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> all.stream()
                .allMatch(id -> {
                    RunningApp.Response view = app.get("/api/orders/" + id, admin);
                    return view.status() == 200 && view.json().get("status").asText().equals("PAID");
                }));
        await().atMost(Duration.ofSeconds(30)).until(() -> !processor("order-view").get("segments").get(0)
                .get("replaying").asBoolean());
        replaying.set(false);
        assertThat(unanswered.get()).as("orders not answered during the replay").isEmpty();
        assertThat(app.jdbc().queryForObject("select count(*) from order_view where user_id = 'replay-buyer'",
                Long.class)).isEqualTo(all.size());
        for (String id : before) {
            assertThat(app.get("/api/orders/" + id, admin).json()).as(id).isEqualTo(was.get(id));
        }
        for (String id : placed) {
            JsonNode view = app.get("/api/orders/" + id, admin).json();
            assertThat(view.get("totalCents").asLong()).as(id).isEqualTo(100);
            assertThat(view.get("items").get(0).get("sku").asText()).isEqualTo("REPLAY-1");
        }
        assertThat(app.get("/api/admin/audit?size=500", admin).json().get("items").toString())
                .contains("PROCESSOR_REPLAY");
        // After the replay, live events are not taken for replayed ones: a watcher is told of the payment.
        PaymentProvider.slow(app, Duration.ofMillis(1_000));
        try {
            String watched = app.placeOrderId(token, "tok_ok", "REPLAY-1", 1);
            // As a client does: the order is shown (its view exists) before its stream is opened.
            await().atMost(Duration.ofSeconds(10)).until(() -> app.get("/api/orders/" + watched, token).status() == 200);
            List<String> told = CompletableFuture.supplyAsync(() -> app.streamUntil("/api/orders/" + watched + "/stream",
                    token, "\"PAID\"")).get(20, TimeUnit.SECONDS);
            assertThat(told.get(told.size() - 1)).contains("\"PAID\"");
        } finally {
            PaymentProvider.set(app, "UP");
        }
    }

    @Test
    void anEventAViewFailsOnIsParkedWithItsOrderWhileOtherOrdersMoveOnAndARetryAfterTheFixMendsIt() {
        app.defineProduct("DLQ-1", 100, 100, 0);
        String token = app.customer("dlq-buyer");
        PaymentProvider.awaitBreakerClosed(app);
        PaymentProvider.slow(app, Duration.ofMillis(1_500));
        String broken;
        Map<String, Object> lostRow;
        try {
            broken = app.placeOrderId(token, "tok_ok", "DLQ-1", 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> app.jdbc().queryForObject(
                    "select count(*) from order_view where order_id = ?", Long.class, broken) == 1);
            // The cause: the order's view row is lost before its charge is answered, so its confirmation has no view
            // to apply to.
            lostRow = app.jdbc().queryForMap("select * from order_view where order_id = ?", broken);
            app.jdbc().update("delete from order_view where order_id = ?", broken);
        } finally {
            PaymentProvider.set(app, "UP");
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> processor("order-view").get("deadLetters").asLong() > 0);
        JsonNode letters = app.get("/api/admin/processors/order-view/dead-letters", admin).json();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).get("sequence").asText()).isEqualTo(broken);
        JsonNode letter = letters.get(0).get("letters").get(0);
        assertThat(letter.get("eventType").asText()).isEqualTo("OrderConfirmedEvent");
        assertThat(letter.get("causeMessage").asText()).contains("no view of order " + broken);
        String other = app.placeOrderId(token, "tok_ok", "DLQ-1", 1);
        assertThat(awaitTerminal(app, admin, other, Duration.ofSeconds(10)).get("status").asText()).isEqualTo("PAID");
        assertThat(app.get("/api/orders/" + broken, admin).status()).isEqualTo(404);

        restore("order_view", lostRow);
        RunningApp.Response retried = app.post("/api/admin/processors/order-view/dead-letters/retry", admin, Map.of());

        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(retried.json().get("deadLettersLeft").asLong()).isZero();
        assertThat(app.get("/api/orders/" + broken, admin).json().get("status").asText()).isEqualTo("PAID");
        assertThat(app.get("/api/admin/processors/order-view/dead-letters", admin).json()).isEmpty();
        assertThat(processor("order-view").get("deadLetters").asLong()).isZero();
    }

    /**
     * A database-level failure, not a handler's: the database refuses one order's view row (a check constraint an
     * operator's migration might have left), which fails the view's batch at its commit. That order's events are
     * dead-lettered with it, every other order's view goes on, and a retry once the constraint is gone mends it.
     */
    @Test
    void anOrderWhoseViewRowTheDatabaseRefusesIsDeadLetteredWhileEveryOtherOrderGoesOnAndARetryMendsIt() {
        app.defineProduct("DLQ-DB-1", 100, 1_000, 0);
        PaymentProvider.awaitBreakerClosed(app);
        String refusedBuyer = "dlq-db-refused";
        String poisoned;
        List<String> others = new ArrayList<>();
        app.jdbc().execute("alter table order_view add constraint order_view_test_refusal check (user_id <> '"
                + refusedBuyer + "')");
        try {
            String fine = app.customer("dlq-db-fine");
            others.add(app.placeOrderId(fine, "tok_ok", "DLQ-DB-1", 1));
            poisoned = app.placeOrderId(app.customer(refusedBuyer), "tok_ok", "DLQ-DB-1", 1);
            for (int i = 0; i < 5; i++) {
                others.add(app.placeOrderId(fine, "tok_ok", "DLQ-DB-1", 1));
            }
            for (String orderId : others) {
                assertThat(awaitTerminal(app, admin, orderId, Duration.ofSeconds(60)).get("status").asText())
                        .as(orderId).isEqualTo("PAID");
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    app.get("/api/admin/processors/order-view/dead-letters", admin).json().findValuesAsText("sequence"))
                    .contains(poisoned));
            assertThat(app.get("/api/orders/" + poisoned, admin).status()).isEqualTo(404);
        } finally {
            app.jdbc().execute("alter table order_view drop constraint order_view_test_refusal");
        }

        RunningApp.Response retried = app.post("/api/admin/processors/order-view/dead-letters/retry", admin, Map.of());

        assertThat(retried.status()).as(retried.body()).isEqualTo(202);
        assertThat(retried.json().get("deadLettersLeft").asLong()).isZero();
        assertThat(awaitTerminal(app, admin, poisoned, Duration.ofSeconds(10)).get("status").asText())
                .isEqualTo("PAID");
    }

    private void restore(String table, Map<String, Object> row) {
        String columns = String.join(", ", row.keySet());
        String marks = String.join(", ", row.keySet().stream().map(column -> "?").toList());
        app.jdbc().update("insert into " + table + " (" + columns + ") values (" + marks + ")", row.values().toArray());
    }
}
