package com.orderplatform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

class IdempotencyIT {

    private static final String SKU = "IDEM-1";
    private static final String ORDER = "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}";
    private static RunningApp app;

    @BeforeAll
    static void startApp() {
        app = SharedApp.get();
        app.defineProduct(SKU, 100, 1000, 0);
    }

    private static RunningApp.Response place(String token, String key, String body) {
        return app.postRaw("/api/orders", token, "application/json", body, "Idempotency-Key", key);
    }

    private static long ordersOf(String userId) {
        return app.jdbc().queryForObject("select count(*) from order_view where user_id = ?", Long.class, userId);
    }

    private static long placedEventsOf(String userId) {
        return app.jdbc().queryForObject("select count(*) from domain_event_entry where payload_type = ? "
                + "and aggregate_identifier in (select order_id from order_view where user_id = ?)", Long.class,
                com.orderplatform.api.order.OrderPlacedEvent.class.getName(), userId);
    }

    @Test
    void theSameKeyAndBodyGetTheSameOrder() {
        String token = app.customer("idem-same");
        String key = UUID.randomUUID().toString();

        RunningApp.Response first = place(token, key, ORDER);
        RunningApp.Response second = place(token, key, ORDER);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("orderId").asText()).isEqualTo(first.json().get("orderId").asText());
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(ordersOf("idem-same")).isEqualTo(1));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String token = app.customer("idem-other");
        String key = UUID.randomUUID().toString();
        place(token, key, ORDER);

        RunningApp.Response other = place(token, key, ORDER.replace("\"quantity\":1", "\"quantity\":2"));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void fiftyCopiesArrivingAtOnceMakeExactlyOneOrder() throws Exception {
        String token = app.customer("idem-burst");
        String key = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<CompletableFuture<RunningApp.Response>> copies = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return place(token, key, ORDER);
                }, pool)).toList();
        start.countDown();
        List<RunningApp.Response> answers = copies.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        List<RunningApp.Response> accepted = answers.stream().filter(r -> r.status() == 202).toList();
        assertThat(accepted).isNotEmpty();
        assertThat(accepted.stream().map(r -> r.json().get("orderId").asText()).distinct()).hasSize(1);
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.status()).isIn(202, 409);
            if (r.status() == 409) {
                assertThat(r.code()).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
            }
        });
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(ordersOf("idem-burst")).isEqualTo(1));
        assertThat(placedEventsOf("idem-burst")).isEqualTo(1);
    }

    /**
     * A buyer's double click that arrives after the SKU sold out is answered with the buyer's order, not SOLD_OUT —
     * even once the instance knows the SKU is empty and refuses new orders before reading anything.
     */
    @Test
    void aRetryAfterTheSellOutGetsTheOrderBackAndAnotherBodyIsStillRefused() {
        String sku = "IDEM-LAST";
        app.defineProduct(sku, 100, 1, 0);
        String body = "{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}";
        String token = app.customer("idem-last");
        String key = UUID.randomUUID().toString();
        RunningApp.Response first = place(token, key, body);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        RunningApp.Response latecomer = place(app.customer("idem-late"), UUID.randomUUID().toString(), body);
        assertThat(latecomer.code()).as("the SKU is sold out").isEqualTo("SOLD_OUT");
        RunningApp.Response stillSoldOut = place(app.customer("idem-late"), UUID.randomUUID().toString(), body);
        assertThat(stillSoldOut.code()).isEqualTo("SOLD_OUT");

        RunningApp.Response again = place(token, key, body);
        RunningApp.Response otherBody = place(token, key, body.replace("tok_ok", "tok_declined"));

        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().get("orderId").asText()).isEqualTo(first.json().get("orderId").asText());
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(otherBody.status()).as(otherBody.body()).isEqualTo(422);
        assertThat(otherBody.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    /**
     * Once the instance knows a SKU is empty, a new buyer's placement is refused before Spring MVC runs: the same
     * answer as the controller's own (the first refusal below comes from the gate, through the controller), counted the
     * same way; what the controller would answer differently (an invalid body, an admin, another SKU) still reaches it.
     */
    @Test
    void theSoldOutAnswerBeforeTheControllerIsTheControllersOwn() throws Exception {
        String sku = "IDEM-EMPTY";
        app.defineProduct(sku, 100, 1, 0);
        String body = "{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}";
        assertThat(place(app.customer("idem-first"), UUID.randomUUID().toString(), body).status()).isEqualTo(202);
        double refusedBefore = soldOutAnswers();
        RunningApp.Response fromTheGate = place(app.customer("idem-second"), UUID.randomUUID().toString(), body);
        assertThat(fromTheGate.code()).as(fromTheGate.body()).isEqualTo("SOLD_OUT");

        RunningApp.Response fromTheFilter = place(app.customer("idem-third"), UUID.randomUUID().toString(), body);

        assertThat(fromTheFilter.status()).isEqualTo(409);
        assertThat(fromTheFilter.header("Content-Type")).isEqualTo(fromTheGate.header("Content-Type"));
        assertThat(fromTheFilter.json()).isEqualTo(fromTheGate.json());
        // Both refusals are timed under the endpoint's name (a request's timer stops just after its answer is sent).
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(soldOutAnswers())
                .as("http.server.requests for /api/orders, 409").isEqualTo(refusedBefore + 2));
        RunningApp.Response invalid = place(app.customer("idem-third"), UUID.randomUUID().toString(),
                body.replace("\"quantity\":1", "\"quantity\":0"));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        RunningApp.Response admin = place(app.admin(), UUID.randomUUID().toString(), body);
        assertThat(admin.status()).as(admin.body()).isEqualTo(403);
        RunningApp.Response inStock = place(app.customer("idem-third"), UUID.randomUUID().toString(), ORDER);
        assertThat(inStock.status()).as("another SKU, its body read again by the controller: %s", inStock.body())
                .isEqualTo(202);
    }

    private static double soldOutAnswers() {
        RunningApp.Response metric = app.get("/actuator/metrics/http.server.requests?tag=uri:/api/orders&tag=status:409",
                app.admin());
        if (metric.status() == 404) {
            return 0;
        }
        return metric.json().get("measurements").get(0).get("value").asDouble();
    }

    @Test
    void keysBelongToTheirUser() {
        String key = UUID.randomUUID().toString();
        RunningApp.Response alices = place(app.customer("idem-alice"), key, ORDER);
        RunningApp.Response bobs = place(app.customer("idem-bob"), key, ORDER);

        assertThat(bobs.status()).isEqualTo(202);
        assertThat(bobs.json().get("orderId").asText()).isNotEqualTo(alices.json().get("orderId").asText());
    }

    @Test
    void answersAreKeptInTheDatabaseNotOnlyInRedis() {
        String token = app.customer("idem-durable");
        String key = UUID.randomUUID().toString();
        RunningApp.Response first = place(token, key, ORDER);
        app.bean(RedissonClient.class).getKeys().deleteByPattern("{idem}:*");

        RunningApp.Response again = place(token, key, ORDER);

        assertThat(again.json().get("orderId").asText()).isEqualTo(first.json().get("orderId").asText());
    }

    @Test
    void aRefusalIsNotRecordedSoTheSameKeyLaterGetsAFreshAnswer() {
        app.defineProduct("IDEM-GONE", 100, 0, 0);
        String token = app.customer("idem-refused");
        String key = UUID.randomUUID().toString();
        String body = ORDER.replace(SKU, "IDEM-GONE");

        assertThat(place(token, key, body).code()).isEqualTo("SOLD_OUT");
        app.post("/api/admin/products/IDEM-GONE/restock", app.admin(), Map.of("quantity", 1));
        RunningApp.Response retried = place(token, key, body);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        assertThat(place(token, key, body).json().get("orderId").asText()).isEqualTo(retried.json().get("orderId").asText());
    }

    @Test
    void otherStateChangingPostsHonourTheKey() {
        String token = app.customer("idem-cancel");
        String orderId = place(token, UUID.randomUUID().toString(), ORDER).json().get("orderId").asText();
        String key = UUID.randomUUID().toString();

        RunningApp.Response first = app.post("/api/orders/" + orderId + "/cancel", token, Map.of(), "Idempotency-Key", key);
        org.awaitility.Awaitility.await().until(() -> app.get("/api/orders/" + orderId, token).json()
                .get("status").asText().equals("CANCELLED"));
        RunningApp.Response repeat = app.post("/api/orders/" + orderId + "/cancel", token, Map.of(), "Idempotency-Key", key);
        RunningApp.Response withoutKey = app.post("/api/orders/" + orderId + "/cancel", token, Map.of());

        assertThat(first.status()).isEqualTo(202);
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(withoutKey.status()).isEqualTo(409);
    }
}
