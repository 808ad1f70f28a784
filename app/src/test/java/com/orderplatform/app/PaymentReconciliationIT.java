package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.app.support.PaymentProvider;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import com.orderplatform.provider.PaymentProviderSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation against the provider's own record: a charge somebody made for an order we never had is reported;
 * a charge standing on an order we cancelled — the provider approved after our call gave up, and its webhook was
 * lost — is found and refunded, and is no finding once refunded.
 */
class PaymentReconciliationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RunningApp app = app();
    private final String admin = app.admin();

    /** The application under test: the shared one on H2; the PostgreSQL variant overrides it. */
    RunningApp app() {
        return SharedApp.get();
    }

    @AfterEach
    void providerUp() {
        app.put("/api/dev/payment-provider", admin, Map.of("mode", "UP", "webhooks", true));
    }

    @Test
    void findsAChargeWeDoNotKnowAndRefundsAChargeStandingOnACancelledOrder() throws Exception {
        String stranger = "stranger-" + UUID.randomUUID();
        JsonNode strangeCharge = chargeAtTheProvider(stranger, 4_200);
        assertThat(strangeCharge.get("status").asText()).isEqualTo("succeeded");

        app.defineProduct("RECONCILE-1", 990, 10, 0);
        PaymentProvider.awaitBreakerClosed(app);
        // The provider approves after our call gave up, and the webhook that would tell us is lost.
        Duration late = RunningApp.PAYMENT_TIMEOUT.plusSeconds(2);
        assertThat(app.put("/api/dev/payment-provider", admin, Map.of("mode", "SLOW", "latencyMs", late.toMillis(),
                "webhooks", false)).status()).isEqualTo(200);
        String orderId = app.placeOrderId(app.customer("reconcile-buyer"), "tok_ok", "RECONCILE-1", 1);
        assertThat(awaitTerminal(app, admin, orderId, RunningApp.PAYMENT_TIMEOUT.plusSeconds(5)).get("cancelReason")
                .asText()).isEqualTo("PAYMENT_TIMEOUT");
        await().atMost(Duration.ofSeconds(15)).until(() -> PaymentProvider.record(app, orderId).get("charges").size() == 1);
        Thread.sleep(1_000); // a webhook, were one sent, would be recorded by now
        assertThat(PaymentProvider.record(app, orderId).get("refunds")).as("the charge stands").isEmpty();

        RunningApp.Response run = app.post("/api/admin/payments/reconciliation", admin, Map.of());
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        assertThat(finding(run.json(), stranger).get("kind").asText()).isEqualTo("UNKNOWN_CHARGE");
        assertThat(finding(run.json(), stranger).get("remedy").asText()).isEqualTo("reported");
        JsonNode standing = finding(run.json(), orderId);
        assertThat(standing.get("kind").asText()).isEqualTo("CHARGE_ON_CANCELLED_ORDER");
        assertThat(standing.get("ourState").asText()).isEqualTo("EXPIRED");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(PaymentProvider.record(app, orderId).get("refunds")).hasSize(1));
        assertThat(PaymentProvider.record(app, stranger).get("refunds")).as("not ours to refund").isEmpty();
        RunningApp.Response again = app.post("/api/admin/payments/reconciliation", admin, Map.of());
        assertThat(findings(again.json(), orderId)).as("refunded: nothing left to find").isEmpty();
        assertThat(findings(again.json(), stranger)).hasSize(1);
        assertThat(app.get("/api/admin/payments/reconciliation", admin).json().get("findings"))
                .isEqualTo(again.json().get("findings"));
        JsonNode audit = app.get("/api/admin/audit?page=0&size=5", admin).json().get("items");
        assertThat(audit.toString()).contains("PAYMENT_RECONCILIATION");
    }

    @Test
    void onlyAdminsRunIt() {
        assertThat(app.post("/api/admin/payments/reconciliation", app.customer("reconcile-mallory"), Map.of()).status())
                .isEqualTo(403);
    }

    private JsonNode chargeAtTheProvider(String orderId, long amount) throws Exception {
        int port = app.bean(PaymentProviderSimulator.class).port();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/payment_intents"))
                .header("Authorization", "Bearer sk_test_local").header("Idempotency-Key", orderId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("order_id", orderId,
                        "amount", amount, "currency", "EUR", "payment_method", "tok_ok")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode finding(JsonNode report, String orderId) {
        List<JsonNode> found = findings(report, orderId);
        assertThat(found).as("findings about %s in %s", orderId, report).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> findings(JsonNode report, String orderId) {
        List<JsonNode> found = new ArrayList<>();
        report.get("findings").forEach(finding -> {
            if (finding.get("orderId").asText().equals(orderId)) {
                found.add(finding);
            }
        });
        return found;
    }
}
