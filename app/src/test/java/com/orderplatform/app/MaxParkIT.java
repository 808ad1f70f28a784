package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static com.orderplatform.app.support.Stock.Units.settled;
import static com.orderplatform.app.support.Stock.awaitUnits;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.app.support.RunningApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that stays down: a parked charge expires after the maximum park even though the provider's breaker keeps
 * probing and resuming it (each probe used to start its park anew, so a few parked orders never expired).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaxParkIT {

    @TempDir
    static Path dataDir;
    private RunningApp app;

    @BeforeAll
    void start() {
        Map<String, Object> settings = new HashMap<>(Map.of("orders.saga.max-park", "6s", "orders.saga.sweep-every",
                "1s", "orders.payment.breaker.open-for", "1s"));
        settings.putAll(database());
        app = RunningApp.start(dataDir, settings);
    }

    /** The database's settings: none for the default (H2); {@code MaxParkOnPostgresIT} overrides it. */
    Map<String, Object> database() {
        return Map.of();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void aChargeParkedWhileTheProviderStaysDownExpiresAfterTheMaximumParkThoughProbesResumeIt() {
        String admin = app.admin();
        app.defineProduct("MAX-PARK", 700, 10, 0);
        assertThat(app.put("/api/dev/payment-provider", admin, Map.of("mode", "DOWN")).status()).isEqualTo(200);
        String buyer = app.customer("max-park-buyer");

        String orderId = app.placeOrderId(buyer, "tok_ok", "MAX-PARK", 2);
        JsonNode order = awaitTerminal(app, buyer, orderId, Duration.ofSeconds(40));

        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("cancelReason").asText()).isEqualTo("PAYMENT_TIMEOUT");
        JsonNode events = app.get("/api/admin/orders/" + orderId + "/events", admin).json();
        assertThat(events.findValuesAsText("type").stream().filter("PaymentRequestedEvent"::equals).count())
                .as("the breaker's probes resumed the parked charge").isGreaterThanOrEqualTo(3);
        assertThat(app.get("/api/dev/payment-provider/charges?orderId=" + orderId, admin).json().get("charges"))
                .isEmpty();
        awaitUnits(app, "MAX-PARK", settled(10, 0), Duration.ofSeconds(10));
    }
}
