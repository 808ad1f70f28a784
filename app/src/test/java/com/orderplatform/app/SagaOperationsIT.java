package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.api.payment.ChargePaymentCommand;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentIds;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an operator sees of sagas and does to them, against the running application. */
class SagaOperationsIT {

    private static final AtomicInteger SKUS = new AtomicInteger();
    static RunningApp app;
    static String admin;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        admin = app.admin();
    }

    private static String newSku() {
        String sku = "SAGA-OPS-" + SKUS.incrementAndGet();
        app.defineProduct(sku, 1_000, 10, 0);
        return sku;
    }

    /** Every ChargePayment of this customer fails for good (not a passing failure: no retry helps). */
    private static Registration chargesFailFor(String userId) {
        return app.bean(CommandBus.class).registerHandlerInterceptor((unitOfWork, chain) -> {
            CommandMessage<?> command = unitOfWork.getMessage();
            if (command.getPayload() instanceof ChargePaymentCommand charge && charge.userId().equals(userId)) {
                throw new IllegalStateException("payment provider account suspended");
            }
            return chain.proceed();
        });
    }

    private static JsonNode saga(String orderId) {
        RunningApp.Response response = app.get("/api/admin/sagas/" + orderId, admin);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String failedOrder(String userId, String sku) {
        Registration failing = chargesFailFor(userId);
        try {
            String orderId = app.placeOrderId(app.customer(userId), "tok_ok", sku, 1);
            // The saga's row appears once the saga took the order's first event.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                RunningApp.Response saga = app.get("/api/admin/sagas/" + orderId, admin);
                return saga.status() == 200 && saga.json().get("saga").get("step").asText().equals("FAILED");
            });
            return orderId;
        } finally {
            failing.cancel();
        }
    }

    @Test
    void aStepCommandThatFailsForGoodShowsTheSagaFailedAndARedriveFinishesTheOrder() {
        String sku = newSku();
        String orderId = failedOrder("ops-frank", sku);

        JsonNode failed = saga(orderId).get("saga");
        assertThat(failed.get("failedStep").asText()).isEqualTo("CHARGING_PAYMENT");
        assertThat(failed.get("pendingCommand").asText()).isEqualTo("ChargePaymentCommand");
        assertThat(failed.get("failureType").asText()).isEqualTo("IllegalStateException");
        assertThat(failed.get("failureMessage").asText()).contains("account suspended");
        assertThat(app.get("/api/admin/sagas?step=FAILED&size=500", admin).json().get("items"))
                .anySatisfy(row -> assertThat(row.get("orderId").asText()).isEqualTo(orderId));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                app.get("/api/orders/" + orderId, admin).json().path("status").asText()).isEqualTo("PENDING"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(app.get("/api/dashboard/summary", admin)
                .json().get("sagasByStep").path("FAILED").asLong()).isPositive());

        RunningApp.Response redriven = app.post("/api/admin/sagas/" + orderId + "/redrive", admin, Map.of());

        assertThat(redriven.status()).as(redriven.body()).isEqualTo(202);
        assertThat(redriven.json().get("command").asText()).isEqualTo("ChargePaymentCommand");
        assertThat(redriven.json().get("attempts").asInt()).isEqualTo(2);
        JsonNode order = awaitTerminal(app, admin, orderId, Duration.ofSeconds(10));
        assertThat(order.get("status").asText()).isEqualTo("PAID");
        assertThat(app.storedEventsOfType(PaymentIds.forOrder(orderId), PaymentChargedEvent.class)).isEqualTo(1);
        assertThat(auditOf("saga:" + orderId)).anySatisfy(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("SAGA_REDRIVE");
            assertThat(entry.get("outcome").asText()).isEqualTo("DONE");
            assertThat(entry.get("actor").asText()).isEqualTo("ops");
        });
    }

    @Test
    void aSagasDetailShowsItsStepsAndTheOrdersEvents() {
        String sku = newSku();
        String orderId = app.placeOrderId(app.customer("ops-grace"), "tok_ok", sku, 2);
        awaitTerminal(app, admin, orderId, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> saga(orderId).get("saga").get("step").asText().equals("DONE"));

        JsonNode detail = saga(orderId);

        assertThat(detail.get("steps").findValuesAsText("step")).containsExactly("RESERVING_STOCK",
                "CHARGING_PAYMENT", "CONFIRMING_ORDER", "DONE");
        List<String> types = detail.get("events").findValuesAsText("type");
        assertThat(types).containsSubsequence("OrderPlacedEvent", "StockReservedEvent", "PaymentRequestedEvent",
                "PaymentChargedEvent", "OrderConfirmedEvent");
        assertThat(app.get("/api/admin/orders/" + orderId + "/events", admin).json().findValuesAsText("type"))
                .isEqualTo(types);
        assertThat(detail.get("events").get(0).get("aggregate").asText()).isEqualTo("Order:" + orderId);
        assertThat(detail.get("events").get(0).get("payload").get("orderId").asText()).isEqualTo(orderId);
    }

    @Test
    void reDrivingAHealthySagaTwiceChargesOnce() {
        String sku = newSku();
        String orderId = app.placeOrderId(app.customer("ops-heidi"), "tok_slow", sku, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> saga(orderId).get("saga").get("step").asText()
                .equals("CHARGING_PAYMENT"));

        assertThat(app.post("/api/admin/sagas/" + orderId + "/redrive", admin, Map.of()).status()).isEqualTo(202);
        assertThat(app.post("/api/admin/sagas/" + orderId + "/redrive", admin, Map.of()).status()).isEqualTo(202);

        assertThat(app.storedEventsOfType(PaymentIds.forOrder(orderId), PaymentRequestedEvent.class)).isEqualTo(1);
        assertThat(app.storedEventsOfType(sku, StockReservedEvent.class))
                .isEqualTo(1);
    }

    @Test
    void aSagaThatEndedHasNothingToRedrive() {
        String sku = newSku();
        String orderId = app.placeOrderId(app.customer("ops-ivan"), "tok_ok", sku, 1);
        awaitTerminal(app, admin, orderId, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> saga(orderId).get("saga").get("step").asText().equals("DONE"));

        RunningApp.Response refused = app.post("/api/admin/sagas/" + orderId + "/redrive", admin, Map.of());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("SAGA_FINISHED");
        assertThat(auditOf("saga:" + orderId)).anySatisfy(entry ->
                assertThat(entry.get("outcome").asText()).isEqualTo("SAGA_FINISHED"));
    }

    @Test
    void aSecondOperatorActingOnTheSameSagaAtTheSameMomentIsToldSoAndBothAreAudited() throws Exception {
        String sku = newSku();
        String orderId = failedOrder("ops-judy", sku);
        // The re-sent charge takes a while to be handled (a slow database, say): the first re-drive waits for it,
        // holding the saga's operator lock, while the second operator's re-drive arrives.
        CountDownLatch handling = new CountDownLatch(1);
        Registration slow = app.bean(CommandBus.class).registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof ChargePaymentCommand charge
                    && charge.orderId().equals(orderId)) {
                handling.countDown();
                Thread.sleep(1_500);
            }
            return chain.proceed();
        });
        try {
            CompletableFuture<RunningApp.Response> first = CompletableFuture.supplyAsync(() ->
                    app.post("/api/admin/sagas/" + orderId + "/redrive", admin, Map.of()));
            assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
            RunningApp.Response second = app.post("/api/admin/sagas/" + orderId + "/redrive",
                    app.token("ops-2", "ADMIN"), Map.of());

            assertThat(second.status()).as(second.body()).isEqualTo(409);
            assertThat(second.code()).isEqualTo("OPERATION_IN_PROGRESS");
            RunningApp.Response accepted = first.get(10, TimeUnit.SECONDS);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            assertThat(accepted.json().get("sent").asText()).isEqualTo("HANDLED");
        } finally {
            slow.cancel();
        }
        assertThat(auditOf("saga:" + orderId)).extracting(entry -> entry.get("actor").asText() + " "
                + entry.get("outcome").asText()).contains("ops-2 OPERATION_IN_PROGRESS", "ops DONE");
        assertThat(awaitTerminal(app, admin, orderId, Duration.ofSeconds(10)).get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void aRedriveWhoseCommandFailsAgainSaysSo() {
        String sku = newSku();
        String orderId = failedOrder("ops-lena", sku);
        Registration failing = chargesFailFor("ops-lena");
        try {
            RunningApp.Response redrive = app.post("/api/admin/sagas/" + orderId + "/redrive", admin, Map.of());

            assertThat(redrive.status()).as(redrive.body()).isEqualTo(202);
            assertThat(redrive.json().get("sent").asText()).isEqualTo("FAILED_AGAIN");
            assertThat(redrive.json().get("failure").asText()).contains("account suspended");
            await().atMost(Duration.ofSeconds(5)).until(() -> saga(orderId).get("saga").get("step").asText()
                    .equals("FAILED"));
        } finally {
            failing.cancel();
        }
    }

    @Test
    void anOperatorActionRepeatedWithItsIdempotencyKeyIsAnsweredAgainWithoutRunningTwice() {
        String sku = newSku();
        String orderId = failedOrder("ops-mona", sku);
        String key = "redrive-" + orderId;

        RunningApp.Response first = app.post("/api/admin/sagas/" + orderId + "/redrive", admin, Map.of(),
                "Idempotency-Key", key);
        RunningApp.Response again = app.post("/api/admin/sagas/" + orderId + "/redrive", admin, Map.of(),
                "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(auditOf("saga:" + orderId)).filteredOn(entry -> entry.get("action").asText()
                .equals("SAGA_REDRIVE")).hasSize(1);
        assertThat(awaitTerminal(app, admin, orderId, Duration.ofSeconds(10)).get("status").asText()).isEqualTo("PAID");
        RunningApp.Response otherBody = app.post("/api/admin/sagas/" + orderId + "/abort", admin, Map.of(),
                "Idempotency-Key", key);
        assertThat(otherBody.status()).isEqualTo(422);
    }

    @Test
    void aBulkRedriveDryRunListsWhatItWouldTouchAndChangesNothing() {
        String sku = newSku();
        String orderId = failedOrder("ops-karl", sku);

        RunningApp.Response dry = app.post("/api/admin/sagas/redrive?step=FAILED&stuckFor=PT0S&dryRun=true", admin,
                Map.of());

        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("orderIds").toString()).contains(orderId);
        assertThat(saga(orderId).get("saga").get("step").asText()).isEqualTo("FAILED");

        RunningApp.Response bulk = app.post("/api/admin/sagas/redrive?step=FAILED&stuckFor=PT0S&perSecond=20", admin,
                Map.of());

        assertThat(bulk.status()).as(bulk.body()).isEqualTo(202);
        assertThat(bulk.json().get("orderIds").toString()).contains(orderId);
        assertThat(awaitTerminal(app, admin, orderId, Duration.ofSeconds(10)).get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void badParametersAreRefusedWithAProblem() {
        assertThat(app.get("/api/admin/sagas?step=NAPPING", admin).code()).isEqualTo("UNKNOWN_STEP");
        assertThat(app.get("/api/admin/sagas?stuckFor=5%20minutes", admin).code()).isEqualTo("INVALID_DURATION");
        assertThat(app.post("/api/admin/sagas/redrive", admin, Map.of()).status()).isEqualTo(400);
    }

    @Test
    void customersAreForbiddenEveryOperatorEndpointAndUnknownSagasAreNotFound() {
        String customer = app.customer("ops-mallory");
        for (String path : List.of("/api/admin/sagas", "/api/admin/sagas/1", "/api/admin/orders/1/events",
                "/api/admin/audit")) {
            RunningApp.Response response = app.get(path, customer);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.code()).as(path).isEqualTo("FORBIDDEN");
        }
        for (String path : List.of("/api/admin/sagas/1/redrive", "/api/admin/sagas/redrive?stuckFor=PT0S")) {
            assertThat(app.post(path, customer, Map.of()).status()).as(path).isEqualTo(403);
        }
        assertThat(app.get("/api/admin/sagas/999999999", admin).code()).isEqualTo("SAGA_NOT_FOUND");
        assertThat(app.get("/api/admin/sagas/not-an-id", admin).status()).isEqualTo(404);
        assertThat(app.post("/api/admin/sagas/999999999/redrive", admin, Map.of()).code()).isEqualTo("SAGA_NOT_FOUND");
        assertThat(app.get("/api/admin/orders/999999999/events", admin).code()).isEqualTo("ORDER_NOT_FOUND");
    }

    private static List<JsonNode> auditOf(String target) {
        JsonNode page = app.get("/api/admin/audit?size=500", admin).json();
        List<JsonNode> entries = new ArrayList<>();
        page.get("items").forEach(entry -> {
            if (entry.get("target").asText().equals(target)) {
                entries.add(entry);
            }
        });
        return entries;
    }
}
