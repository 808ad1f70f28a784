package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentIds;
import com.orderplatform.api.payment.PaymentRefundedEvent;
import com.orderplatform.app.support.Orders;
import com.orderplatform.app.support.PaymentProvider;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A payment provider outage during a sale, rehearsed with the simulated provider's controls: charges wait PARKED
 * instead of timing out, and resume by themselves once the provider answers again.
 */
class ProviderOutageIT {

    private static final int ORDERS = 200;
    private final RunningApp app = app();
    private final String admin = app.admin();

    /** The application under test: the shared one on H2; the PostgreSQL variant overrides it. */
    RunningApp app() {
        return SharedApp.get();
    }

    private RunningApp.Response provider(String mode) {
        return app.put("/api/dev/payment-provider", admin, Map.of("mode", mode));
    }

    @AfterEach
    void providerUp() {
        provider("UP");
    }

    @Test
    void ordersPlacedWhileTheProviderIsDownAreParkedAndAllArePaidOnceWhenItIsBack() {
        app.defineProduct("OUTAGE-PAY-1", 500, 1_000, 0);
        assertThat(provider("DOWN").status()).isEqualTo(200);
        String token = app.customer("outage-payer");
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orderIds.add(app.placeOrderId(token, "tok_ok", "OUTAGE-PAY-1", 1));
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> sagasIn("PARKED").containsAll(orderIds));
        assertThat(statuses(orderIds)).containsOnly("PENDING");

        // An operator re-drives the parked charges while the provider is still down: each is tried again and parks
        // again, none is charged, none is lost.
        RunningApp.Response bulk = app.post("/api/admin/sagas/redrive?step=PARKED&stuckFor=PT0S&perSecond=500",
                admin, Map.of());
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(202);
        List<String> redriven = new ArrayList<>();
        bulk.json().get("orderIds").forEach(id -> redriven.add(id.asText()));
        // The breaker's half-open probes resume up to three parked charges at a time even while the provider is down
        // (they park again at once); a saga a probe holds at that moment is not PARKED, so the re-drive skips it.
        List<String> missed = new ArrayList<>(orderIds);
        missed.removeAll(redriven);
        assertThat(missed).as("parked sagas the bulk re-drive did not find (at most the probes')").hasSizeLessThanOrEqualTo(3);
        assertThat(bulk.json().get("refused")).as(bulk.body()).isEmpty();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> sagasIn("PARKED").containsAll(orderIds));
        assertThat(statuses(orderIds)).containsOnly("PENDING");
        for (String orderId : orderIds) {
            assertThat(PaymentProvider.record(app, orderId).get("charges")).as(orderId).isEmpty();
        }

        assertThat(provider("UP").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> statuses(orderIds).stream().allMatch("PAID"::equals));
        assertExactlyOneChargeEach(orderIds);
    }

    @Test
    void aChargeTheProviderApprovesAfterItExpiredIsRefunded() {
        app.defineProduct("OUTAGE-LATE-1", 700, 5, 0);
        PaymentProvider.awaitBreakerClosed(app);
        PaymentProvider.slow(app, RunningApp.PAYMENT_TIMEOUT.plusSeconds(2));
        String orderId = app.placeOrderId(app.customer("outage-late"), "tok_ok", "OUTAGE-LATE-1", 2);

        JsonNode order = awaitTerminal(app, admin, orderId, RunningApp.PAYMENT_TIMEOUT.plusSeconds(5));
        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("cancelReason").asText()).isEqualTo("PAYMENT_TIMEOUT");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode record = PaymentProvider.record(app, orderId);
            assertThat(record.get("charges")).hasSize(1);
            assertThat(record.get("refunds")).hasSize(1);
            assertThat(Orders.product(app, "OUTAGE-LATE-1").path("available").asLong()).isEqualTo(5);
        });
        String paymentId = PaymentIds.forOrder(orderId);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                app.storedEventsOfType(paymentId, PaymentRefundedEvent.class) == 1);
        assertThat(app.storedEventsOfType(paymentId, PaymentChargedEvent.class)).isEqualTo(1);
    }

    @Test
    void theProviderControlsRefuseNonsenseAndCustomers() {
        assertThat(app.put("/api/dev/payment-provider", admin, Map.of("mode", "SLOW")).code())
                .isEqualTo("LATENCY_REQUIRED");
        assertThat(app.put("/api/dev/payment-provider", admin, Map.of("mode", "SIDEWAYS")).status()).isEqualTo(400);
        assertThat(app.put("/api/dev/payment-provider", app.customer("outage-mallory"), Map.of("mode", "DOWN"))
                .status()).isEqualTo(403);
        assertThat(app.get("/api/dev/payment-provider", admin).json().get("mode").asText()).isEqualTo("UP");
    }

    private void assertExactlyOneChargeEach(List<String> orderIds) {
        for (String orderId : orderIds) {
            JsonNode record = app.get("/api/dev/payment-provider/charges?orderId=" + orderId, admin).json();
            assertThat(record.get("charges")).as(orderId).hasSize(1);
            assertThat(record.get("refunds")).as(orderId).isEmpty();
            assertThat(app.storedEventsOfType(PaymentIds.forOrder(orderId), PaymentChargedEvent.class)).as(orderId)
                    .isEqualTo(1);
        }
    }

    private Set<String> sagasIn(String step) {
        Set<String> ids = new HashSet<>();
        app.get("/api/admin/sagas?step=" + step + "&size=500", admin).json().get("items")
                .forEach(row -> ids.add(row.get("orderId").asText()));
        return ids;
    }

    private List<String> statuses(List<String> orderIds) {
        return orderIds.stream()
                .map(id -> app.get("/api/orders/" + id, admin).json().get("status").asText())
                .toList();
    }
}
