package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static com.orderplatform.app.support.Stock.Units.settled;
import static com.orderplatform.app.support.Stock.awaitUnits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.api.payment.PaymentIds;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.app.support.RunningApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartIT {

    private static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    /** Where the application keeps its data: H2 in the test's folder here; {@code RestartOnPostgresIT} overrides it. */
    Map<String, Object> database() {
        return Map.of();
    }

    @Test
    void everyAcceptedOrderReachesAnEndAfterARestartAndAChargeWithNoAnswerStillTimesOut() {
        // The provider keeps its record across the restart and decides tok_slow when it is due: far beyond the time a
        // restart takes here, so that the restarted instance's call still gets no answer in time.
        Map<String, Object> settings = new HashMap<>(Map.of("orders.payment.timeout", PAYMENT_TIMEOUT.toString(),
                "orders.payment.simulated.latency", "300ms", "orders.payment.simulated.slow-latency", "10m"));
        settings.putAll(database());
        List<String> paid = new ArrayList<>();
        List<String> declined = new ArrayList<>();
        String slow;
        String customer;
        try (RunningApp before = RunningApp.start(dataDir, settings)) {
            before.defineProduct("RESTART-1", 1000, 100, 0);
            customer = before.customer("rita");
            for (int i = 0; i < 10; i++) {
                paid.add(before.placeOrderId(customer, "tok_ok", "RESTART-1", 1));
                declined.add(before.placeOrderId(customer, "tok_declined", "RESTART-1", 1));
            }
            slow = before.placeOrderId(customer, "tok_slow", "RESTART-1", 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> before.storedEventsOfType(PaymentIds.forOrder(slow),
                    PaymentRequestedEvent.class) == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> before.get("/api/orders/" + slow, customer).json()
                    .path("status").asText().equals("PENDING"));
        }

        try (RunningApp after = RunningApp.start(dataDir, settings)) {
            String token = after.customer("rita");
            for (String orderId : paid) {
                assertThat(awaitTerminal(after, token, orderId, Duration.ofSeconds(20)).get("status").asText())
                        .isEqualTo("PAID");
            }
            for (String orderId : declined) {
                assertThat(awaitTerminal(after, token, orderId, Duration.ofSeconds(20)).get("cancelReason").asText())
                        .isEqualTo("PAYMENT_DECLINED");
            }
            JsonNode timedOut = awaitTerminal(after, token, slow, PAYMENT_TIMEOUT.plusSeconds(10));
            assertThat(timedOut.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(timedOut.get("cancelReason").asText()).isEqualTo("PAYMENT_TIMEOUT");
            awaitUnits(after, "RESTART-1", settled(90, 10), Duration.ofSeconds(5));
        }
    }

    /**
     * A SKU's ledger is snapshotted by the snapshotter's own thread, not by the one that committed its events (a
     * snapshot reads the ledger back from the store; on a SKU that sold 100,000 units it stalled the saga for seconds),
     * and after a restart the ledger read from that snapshot and the events after it counts every unit and every
     * buyer's holding.
     */
    @Test
    void aLedgerSnapshottedOnTheSnapshottersThreadIsReadBackWholeAfterARestart() {
        Map<String, Object> settings = new HashMap<>(Map.of("orders.inventory.snapshot-every", 5));
        settings.putAll(database());
        String sku = "SNAPSHOT-1";
        try (RunningApp before = RunningApp.start(dataDir, settings)) {
            before.defineProduct(sku, 1000, 20, 2);
            Map<String, String> buyerOf = new HashMap<>();
            for (int buyer = 0; buyer < 6; buyer++) {
                String token = before.customer("snap-" + buyer);
                buyerOf.put(before.placeOrderId(token, "tok_ok", sku, 1), token);
                buyerOf.put(before.placeOrderId(token, "tok_ok", sku, 1), token);
            }
            buyerOf.forEach((orderId, token) -> assertThat(awaitTerminal(before, token, orderId,
                    Duration.ofSeconds(20)).get("status").asText()).isEqualTo("PAID"));
            ThreadPoolExecutor snapshotter = before.bean("snapshotExecutor", ThreadPoolExecutor.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> snapshotter.getCompletedTaskCount() > 0
                    && snapshotsOf(before, sku) > 0);
        }

        try (RunningApp after = RunningApp.start(dataDir, settings)) {
            assertThat(snapshotsOf(after, sku)).isPositive();
            assertThat(reconciliation(after, sku).path("ledgerAvailable").asLong()).isEqualTo(8);
            RunningApp.Response refused = after.placeOrder(after.customer("snap-3"), "tok_ok", Map.of(sku, 1));
            assertThat(refused.status()).as("snap-3 already holds its limit of 2: %s", refused).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("LIMIT_EXCEEDED");
            String more = after.placeOrderId(after.customer("snap-9"), "tok_ok", sku, 2);
            assertThat(awaitTerminal(after, after.customer("snap-9"), more, Duration.ofSeconds(20)).get("status")
                    .asText()).isEqualTo("PAID");
            awaitUnits(after, sku, settled(6, 14), Duration.ofSeconds(5));
            JsonNode ledger = reconciliation(after, sku);
            assertThat(ledger.path("ledgerAvailable").asLong()).isEqualTo(6);
            assertThat(ledger.path("inSync").asBoolean()).as("the gate, rebuilt from the ledger, agrees: %s", ledger)
                    .isTrue();
        }
    }

    /** The ledger's side of a SKU as the gate's reconciliation reads it. */
    private static JsonNode reconciliation(RunningApp app, String sku) {
        JsonNode all = app.get("/api/admin/gate/reconciliation", app.admin()).json();
        for (JsonNode row : all) {
            if (row.path("sku").asText().equals(sku)) {
                return row;
            }
        }
        throw new AssertionError("no reconciliation of " + sku + " in " + all);
    }

    private static long snapshotsOf(RunningApp app, String sku) {
        return app.jdbc().queryForObject("select count(*) from snapshot_event_entry where aggregate_identifier = ?",
                Long.class, sku);
    }
}
