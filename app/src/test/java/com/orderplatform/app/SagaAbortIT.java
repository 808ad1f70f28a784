package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static com.orderplatform.app.support.Stock.Units.settled;
import static com.orderplatform.app.support.Stock.awaitUnits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.api.inventory.ReserveStockCommand;
import com.orderplatform.api.payment.ChargePaymentCommand;
import com.orderplatform.app.support.PaymentProvider;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import com.orderplatform.infra.gate.StockGate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An operator aborts a saga at each step that has not ended: everything comes back and the order is cancelled. */
class SagaAbortIT {

    private static final int STOCK = 10;
    private final RunningApp app = app();
    private final String admin = app.admin();

    /** The application under test: the shared one on H2; the PostgreSQL variant overrides it. */
    RunningApp app() {
        return SharedApp.get();
    }

    @AfterEach
    void providerUp() {
        app.put("/api/dev/payment-provider", admin, Map.of("mode", "UP"));
    }

    @Test
    void abortedWhileItsStockIsBeingReserved() {
        String sku = product("ABORT-RESERVING");
        AtomicBoolean stuck = new AtomicBoolean(true);
        // The reservation meets a passing conflict until released: the gateway keeps retrying it with backoff.
        Registration conflicts = app.bean(CommandBus.class).registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof ReserveStockCommand reserve
                    && reserve.userId().equals("abort-rita") && stuck.get()) {
                throw new ConcurrencyException("simulated lock conflict on the ledger");
            }
            return chain.proceed();
        });
        try {
            String orderId = app.placeOrderId(app.customer("abort-rita"), "tok_ok", sku, 2);
            awaitStep(orderId, "RESERVING_STOCK");

            assertThat(abort(orderId).get("step").asText()).isEqualTo("RESERVING_STOCK");
            stuck.set(false);

            assertAbortedAndEverythingBack(orderId, sku, 0);
        } finally {
            conflicts.cancel();
        }
    }

    @Test
    void abortedWhileItsChargeIsInFlightGetsTheLateChargeRefunded() {
        String sku = product("ABORT-CHARGING");
        PaymentProvider.awaitBreakerClosed(app);
        // Slow enough to abort while the call is open, within the payment timeout (2 s): the charge is approved.
        PaymentProvider.slow(app, Duration.ofMillis(1_500));
        String orderId = app.placeOrderId(app.customer("abort-sam"), "tok_ok", sku, 2);
        awaitStep(orderId, "CHARGING_PAYMENT");

        abort(orderId);

        assertAbortedAndEverythingBack(orderId, sku, 1);
    }

    @Test
    void abortedWhileParked() {
        String sku = product("ABORT-PARKED");
        app.put("/api/dev/payment-provider", admin, Map.of("mode", "DOWN"));
        String orderId = app.placeOrderId(app.customer("abort-tina"), "tok_ok", sku, 2);
        awaitStep(orderId, "PARKED");

        abort(orderId);

        assertAbortedAndEverythingBack(orderId, sku, 0);
    }

    @Test
    void abortedAfterItsStepFailedForGood() {
        String sku = product("ABORT-FAILED");
        Registration failing = app.bean(CommandBus.class).registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof ChargePaymentCommand charge
                    && charge.userId().equals("abort-uma")) {
                throw new IllegalStateException("payment provider account suspended");
            }
            return chain.proceed();
        });
        try {
            String orderId = app.placeOrderId(app.customer("abort-uma"), "tok_ok", sku, 2);
            awaitStep(orderId, "FAILED");

            assertThat(abort(orderId).get("step").asText()).isEqualTo("FAILED");

            assertAbortedAndEverythingBack(orderId, sku, 0);
        } finally {
            failing.cancel();
        }
    }

    @Test
    void anEndedSagaCannotBeAbortedAndAnUnknownOneIsNotFound() {
        String sku = product("ABORT-ENDED");
        String orderId = app.placeOrderId(app.customer("abort-vic"), "tok_ok", sku, 1);
        awaitTerminal(app, admin, orderId, Duration.ofSeconds(10));
        awaitStep(orderId, "DONE");

        RunningApp.Response refused = app.post("/api/admin/sagas/" + orderId + "/abort", admin, Map.of());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("SAGA_FINISHED");
        assertThat(app.post("/api/admin/sagas/999999999/abort", admin, Map.of()).code()).isEqualTo("SAGA_NOT_FOUND");
        assertThat(app.post("/api/admin/sagas/" + orderId + "/abort", app.customer("abort-vic"), Map.of()).status())
                .isEqualTo(403);
    }

    private String product(String sku) {
        app.defineProduct(sku, 1_000, STOCK, 0);
        return sku;
    }

    private JsonNode abort(String orderId) {
        RunningApp.Response response = app.post("/api/admin/sagas/" + orderId + "/abort", admin, Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json();
    }

    private void awaitStep(String orderId, String step) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            RunningApp.Response saga = app.get("/api/admin/sagas/" + orderId, admin);
            return saga.status() == 200 && saga.json().get("saga").get("step").asText().equals(step);
        });
    }

    private void assertAbortedAndEverythingBack(String orderId, String sku, int refunds) {
        JsonNode order = awaitTerminal(app, admin, orderId, Duration.ofSeconds(20));
        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("cancelReason").asText()).isEqualTo("OPERATOR_ABORT");
        awaitUnits(app, sku, settled(STOCK, 0), Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(app.bean(StockGate.class).read(sku).orElseThrow().available()).isEqualTo(STOCK);
            assertThat(inSync(sku)).isTrue();
        });
        // A charge the provider approves after the abort is refunded once it is recorded: wait for the provider's record.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode record = app.get("/api/dev/payment-provider/charges?orderId=" + orderId, admin).json();
            assertThat(record.get("refunds")).hasSize(refunds);
            assertThat(record.get("charges")).hasSize(refunds);
        });
    }

    private boolean inSync(String sku) {
        for (JsonNode row : app.get("/api/admin/gate/reconciliation", admin).json()) {
            if (row.get("sku").asText().equals(sku)) {
                return row.get("inSync").asBoolean();
            }
        }
        return false;
    }
}
