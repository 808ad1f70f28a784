package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static com.orderplatform.app.support.Orders.product;
import static com.orderplatform.app.support.Stock.Units.settled;
import static com.orderplatform.app.support.Stock.awaitUnits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.api.order.PlaceOrderCommand;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentIds;
import com.orderplatform.api.payment.PaymentRefundedEvent;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import com.orderplatform.infra.gate.GateStock;
import com.orderplatform.infra.gate.StockGate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandBus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderLifecycleIT {

    static RunningApp app;

    @BeforeAll
    static void startApp() {
        app = SharedApp.get();
    }

    private static String newSku() {
        return "LC-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anOrderPaidWithTokOkIsPaidWithinTwoSeconds() {
        String sku = newSku();
        app.defineProduct(sku, 1999, 10, 5);
        String alice = app.customer("alice");

        String orderId = app.placeOrderId(alice, "tok_ok", sku, 2);
        JsonNode order = awaitTerminal(app, alice, orderId, Duration.ofSeconds(2));

        assertThat(order.get("status").asText()).isEqualTo("PAID");
        assertThat(order.get("totalCents").asLong()).isEqualTo(3998);
        assertThat(order.get("userId").asText()).isEqualTo("alice");
        awaitUnits(app, sku, settled(8, 2), Duration.ofSeconds(2));
    }

    @Test
    void aDeclinedPaymentCancelsTheOrderAndGivesTheStockBack() {
        String sku = newSku();
        app.defineProduct(sku, 500, 3, 0);
        String bob = app.customer("bob");

        String orderId = app.placeOrderId(bob, "tok_declined", sku, 2);
        JsonNode order = awaitTerminal(app, bob, orderId, Duration.ofSeconds(2));

        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("cancelReason").asText()).isEqualTo("PAYMENT_DECLINED");
        awaitUnits(app, sku, settled(3, 0), Duration.ofSeconds(2));
    }

    @Test
    void aPaymentWithNoAnswerTimesOutAfterTheDeadline() {
        String sku = newSku();
        app.defineProduct(sku, 500, 3, 0);
        String carol = app.customer("carol");

        Instant placed = Instant.now();
        String orderId = app.placeOrderId(carol, "tok_slow", sku, 1);
        JsonNode order = awaitTerminal(app, carol, orderId, RunningApp.PAYMENT_TIMEOUT.plusSeconds(3));

        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("cancelReason").asText()).isEqualTo("PAYMENT_TIMEOUT");
        assertThat(Duration.between(placed, Instant.now())).isGreaterThanOrEqualTo(RunningApp.PAYMENT_TIMEOUT);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(product(app, sku).path("available").asLong()).isEqualTo(3));
    }

    @Test
    void cancellingAPaidOrderRefundsItAndReleasesItsStock() {
        String sku = newSku();
        app.defineProduct(sku, 2500, 4, 0);
        String dave = app.customer("dave");
        String orderId = app.placeOrderId(dave, "tok_ok", sku, 3);
        assertThat(awaitTerminal(app, dave, orderId, Duration.ofSeconds(2)).get("status").asText()).isEqualTo("PAID");

        RunningApp.Response cancel = app.post("/api/orders/" + orderId + "/cancel", dave, Map.of());

        assertThat(cancel.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            JsonNode order = app.get("/api/orders/" + orderId, dave).json();
            assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(order.get("cancelReason").asText()).isEqualTo("CUSTOMER_REQUEST");
        });
        String paymentId = PaymentIds.forOrder(orderId);
        assertThat(app.storedEventsOfType(paymentId, PaymentChargedEvent.class)).isEqualTo(1);
        assertThat(app.storedEventsOfType(paymentId, PaymentRefundedEvent.class)).isEqualTo(1);
        awaitUnits(app, sku, settled(4, 0), Duration.ofSeconds(2));
    }

    @Test
    void aCancelledOrderCannotBeCancelledAgain() {
        String sku = newSku();
        app.defineProduct(sku, 100, 1, 0);
        String erin = app.customer("erin");
        String orderId = app.placeOrderId(erin, "tok_declined", sku, 1);
        awaitTerminal(app, erin, orderId, Duration.ofSeconds(2));

        RunningApp.Response again = app.post("/api/orders/" + orderId + "/cancel", erin, Map.of());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.code()).isEqualTo("ORDER_NOT_CANCELLABLE");
    }

    @Test
    void aPaidOrderIsShippedByAnAdminAndCompletedByItsOwner() {
        String sku = newSku();
        app.defineProduct(sku, 100, 2, 0);
        String frank = app.customer("frank");
        String orderId = app.placeOrderId(frank, "tok_ok", sku, 1);
        awaitTerminal(app, frank, orderId, Duration.ofSeconds(2));

        assertThat(app.post("/api/orders/" + orderId + "/complete", frank, Map.of()).code())
                .isEqualTo("ILLEGAL_ORDER_TRANSITION");
        assertThat(app.post("/api/orders/" + orderId + "/ship", app.admin(), Map.of()).status()).isEqualTo(202);
        assertThat(app.post("/api/orders/" + orderId + "/complete", frank, Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(app.get("/api/orders/" + orderId, frank).json().get("status").asText()).isEqualTo("COMPLETED"));
        assertThat(app.post("/api/orders/" + orderId + "/cancel", frank, Map.of()).code()).isEqualTo("ORDER_NOT_CANCELLABLE");
    }

    @Test
    void anOrderForMoreThanTheUserLimitIsRefusedAtTheGate() {
        String sku = newSku();
        app.defineProduct(sku, 100, 10, 2);
        String gina = app.customer("gina");
        long eventsBefore = app.storedEventsOfType(sku, StockReservedEvent.class);

        RunningApp.Response refused = app.placeOrder(gina, "tok_ok", Map.of(sku, 3));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(app.get("/api/orders?userId=gina", gina).json().get("totalItems").asLong()).isZero();
        assertThat(app.storedEventsOfType(sku, StockReservedEvent.class))
                .isEqualTo(eventsBefore);
    }

    @Test
    void aMultiLineOrderWithASoldOutLineIsRefusedWholeAtTheGate() {
        String inStock = newSku();
        String soldOut = newSku();
        app.defineProduct(inStock, 100, 5, 0);
        app.defineProduct(soldOut, 100, 0, 0);
        String hank = app.customer("hank");

        RunningApp.Response refused = app.placeOrder(hank, "tok_ok", Map.of(inStock, 2, soldOut, 1));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("SOLD_OUT");
        // The product view is built after the definition commits: wait for it, as a reader would.
        awaitUnits(app, inStock, settled(5, 0), Duration.ofSeconds(5));
    }

    @Test
    void whenTheGateDriftedTheLedgerStillRefusesAllLinesAndTheGateGetsItsUnitsBack() {
        String inStock = newSku();
        String soldOut = newSku();
        app.defineProduct(inStock, 100, 5, 0);
        app.defineProduct(soldOut, 100, 0, 0);
        StockGate gate = app.bean(StockGate.class);
        gate.load(soldOut, new GateStock(3, 0, Map.of()));
        String ivan = app.customer("ivan");

        RunningApp.Response placed = app.placeOrder(ivan, "tok_ok", Map.of(inStock, 2, soldOut, 1));
        JsonNode order = awaitTerminal(app, ivan, placed.json().get("orderId").asText(), Duration.ofSeconds(3));

        assertThat(order.get("cancelReason").asText()).isEqualTo("OUT_OF_STOCK");
        awaitUnits(app, inStock, settled(5, 0), Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(gate.read(inStock).orElseThrow().available()).isEqualTo(5);
            assertThat(gate.read(soldOut).orElseThrow().available()).isEqualTo(3);
        });
    }

    @Test
    void whenStoringTheOrderFailsTheGateGetsItsUnitsBack() {
        String sku = newSku();
        app.defineProduct(sku, 100, 5, 0);
        var refuseToStore = app.bean(CommandBus.class).registerDispatchInterceptor(messages -> (i, message) -> {
            if (message.getPayload() instanceof PlaceOrderCommand place && place.paymentMethod().equals("tok_explode")) {
                throw new IllegalStateException("event store unavailable");
            }
            return message;
        });
        try {
            RunningApp.Response failed = app.placeOrder(app.customer("jane"), "tok_explode", Map.of(sku, 2));

            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.code()).isEqualTo("INTERNAL_ERROR");
            assertThat(app.bean(StockGate.class).read(sku).orElseThrow().available()).isEqualTo(5);
            assertThat(app.bean(StockGate.class).read(sku).orElseThrow().heldPerUser()).doesNotContainKey("jane");
        } finally {
            refuseToStore.cancel();
        }
    }

    @Test
    void definingAndRestockingAProductUpdateTheGate() {
        String sku = newSku();
        app.defineProduct(sku, 100, 5, 3);
        StockGate gate = app.bean(StockGate.class);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(gate.read(sku).orElseThrow()).isEqualTo(new GateStock(5, 3, Map.of())));

        app.post("/api/admin/products/" + sku + "/restock", app.admin(), Map.of("quantity", 7));
        app.put("/api/admin/products/" + sku, app.admin(),
                Map.of("name", "x", "priceCents", 100, "currency", "EUR", "stock", 20, "perUserLimit", 4));

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(gate.read(sku).orElseThrow()).isEqualTo(new GateStock(20, 4, Map.of())));
    }

    @Test
    void theActuatorShowsAdminsTheLeasedNodeId() {
        JsonNode health = app.get("/actuator/health", app.admin()).json();

        JsonNode ids = health.get("components").get("idGenerator");
        assertThat(ids.get("status").asText()).isEqualTo("UP");
        assertThat(ids.get("details").get("nodeId").asInt()).isBetween(0, 1023);
        assertThat(ids.get("details").get("lease").asText()).contains("held");
        assertThat(app.get("/actuator/health", null).json().has("components")).isFalse();
    }

    @Test
    void aMultiLineOrderIsPaidWhenEveryLineIsInStock() {
        String first = newSku();
        String second = newSku();
        app.defineProduct(first, 100, 5, 0);
        app.defineProduct(second, 250, 5, 0);
        String ivy = app.customer("ivy");

        RunningApp.Response placed = app.placeOrder(ivy, "tok_ok", Map.of(first, 2, second, 1));
        JsonNode order = awaitTerminal(app, ivy, placed.json().get("orderId").asText(), Duration.ofSeconds(2));

        assertThat(order.get("status").asText()).isEqualTo("PAID");
        assertThat(order.get("totalCents").asLong()).isEqualTo(450);
    }

    @Test
    void customersPageThroughTheirOwnOrdersOnly() {
        String sku = newSku();
        app.defineProduct(sku, 100, 10, 0);
        String jack = app.customer("jack-" + sku);
        String other = app.customer("other-" + sku);
        for (int i = 0; i < 3; i++) {
            awaitTerminal(app, jack, app.placeOrderId(jack, "tok_ok", sku, 1), Duration.ofSeconds(2));
        }
        awaitTerminal(app, other, app.placeOrderId(other, "tok_ok", sku, 1), Duration.ofSeconds(2));

        JsonNode page = app.get("/api/orders?size=2&status=PAID", jack).json();

        assertThat(page.get("totalItems").asLong()).isEqualTo(3);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("userId").asText()).isEqualTo("jack-" + sku);
    }
}
