package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.infra.gate.GateResult;
import com.orderplatform.infra.gate.StockGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Units a placement took at the gate and never stored an order for (its instance died between the two) come back by
 * themselves, and the units of stored orders stay taken: the gate agrees with the ledger again without an operator,
 * and the SKU sells out exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateHealingIT {

    private static final String SKU = "HEAL-1";
    @TempDir
    static Path dataDir;
    private RunningApp app;

    @BeforeAll
    void start() {
        Map<String, Object> settings = new HashMap<>(Map.of("orders.gate.heal-after", "3s",
                "orders.gate.heal-every", "500ms"));
        settings.putAll(database());
        app = RunningApp.start(dataDir, settings);
    }

    /** The database's settings: none for the default (H2); {@code GateHealingOnPostgresIT} overrides it. */
    Map<String, Object> database() {
        return Map.of();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void unitsOfAPlacementThatNeverStoredItsOrderComeBackAndTheSkuSellsOutExactly() {
        app.defineProduct(SKU, 100, 10, 0);
        String first = app.placeOrderId(app.customer("heal-first"), "tok_ok", SKU, 1);
        assertThat(awaitTerminal(app, app.customer("heal-first"), first, Duration.ofSeconds(20)).get("status")
                .asText()).isEqualTo("PAID");
        // A placement whose instance died right after the gate: three units taken, no order stored.
        StockGate gate = app.bean(StockGate.class);
        GateResult ghost = gate.reserve("990000000000000001", "heal-ghost", Map.of(SKU, 3));
        assertThat(ghost.outcome()).isEqualTo(GateResult.Outcome.RESERVED);
        assertThat(gate.read(SKU).orElseThrow().available()).isEqualTo(6);
        assertThat(reconciliation().path("inSync").asBoolean()).isFalse();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(reconciliation().path("inSync").asBoolean()).isTrue());
        // The paid order's unit stays taken: the gate holds 9, as the ledger does.
        assertThat(gate.read(SKU).orElseThrow().available()).isEqualTo(9);
        assertThat(reconciliation().path("ledgerAvailable").asLong()).isEqualTo(9);

        List<String> sold = new ArrayList<>();
        for (int buyer = 0; buyer < 12; buyer++) {
            String token = app.customer("heal-buyer-" + buyer);
            RunningApp.Response answer = app.placeOrder(token, "tok_ok", Map.of(SKU, 1));
            if (answer.status() == 202) {
                String orderId = answer.json().get("orderId").asText();
                assertThat(awaitTerminal(app, token, orderId, Duration.ofSeconds(20)).get("status").asText())
                        .isEqualTo("PAID");
                sold.add(orderId);
            } else {
                assertThat(answer.code()).as(answer.body()).isEqualTo("SOLD_OUT");
            }
        }
        assertThat(sold).as("the nine units left, no more, no fewer").hasSize(9);
    }

    private JsonNode reconciliation() {
        for (JsonNode row : app.get("/api/admin/gate/reconciliation", app.admin()).json()) {
            if (row.path("sku").asText().equals(SKU)) {
                return row;
            }
        }
        throw new AssertionError("no reconciliation of " + SKU);
    }
}
