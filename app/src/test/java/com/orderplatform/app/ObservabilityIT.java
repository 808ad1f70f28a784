package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What operators and integrators read from outside: the Prometheus scrape and the OpenAPI description. */
class ObservabilityIT {

    private static final String SKU = "OBS-1";
    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = SharedApp.get();
        app.defineProduct(SKU, 100, 1, 1);
        String buyer = app.customer("obs-buyer");
        String order = app.placeOrderId(buyer, "tok_ok", SKU, 1);
        awaitTerminal(app, buyer, order, Duration.ofSeconds(10));
        app.placeOrder(app.customer("obs-late"), "tok_ok", Map.of(SKU, 1)); // sold out
    }

    @Test
    void prometheusShowsWhatAnOperatorWatchesDuringASale() {
        RunningApp.Response scrape = app.get("/actuator/prometheus", app.admin());

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.body()).contains(
                "orders_processor_lag{processor=\"order-view\"}",
                "orders_processor_segments_claimed{processor=\"order-saga\"}",
                "orders_processor_dead_letters{processor=\"order-view\"}",
                "orders_placements_total{outcome=\"accepted\"}",
                "orders_placements_total{outcome=\"sold_out\"}",
                "orders_placements_total{outcome=\"over_limit\"}",
                "orders_placements_total{outcome=\"rate_limited\"}",
                "orders_placements_total{outcome=\"error\"}",
                "orders_gate_calls_seconds_count{operation=\"reserve\"}",
                "orders_saga_steps{step=\"PARKED\"}",
                "orders_saga_oldest_seconds{step=\"FAILED\"}",
                "orders_ids_lease_usable ",
                "orders_breaker_state{breaker=\"redis\"}");
        assertThat(metricValue(scrape.body(), "orders_placements_total{outcome=\"accepted\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metricValue(scrape.body(), "orders_placements_total{outcome=\"sold_out\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metricValue(scrape.body(), "orders_ids_lease_usable")).isEqualTo(1);
        assertThat(scrape.body()).as("Axon's command handling timer per command")
                .containsPattern("commandBus[_a-zA-Z]*_seconds_count\\{[^}]*PlaceOrderCommand");
    }

    @Test
    void prometheusIsForAdminsOnly() {
        assertThat(app.get("/actuator/prometheus", app.customer("obs-nosy")).status()).isEqualTo(403);
        assertThat(app.get("/actuator/prometheus", null).status()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentListsEveryPublicEndpointWithTheBearerSchemeAndProblems() {
        RunningApp.Response docs = app.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        JsonNode api = docs.json();
        List<String> operations = new ArrayList<>();
        api.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(operations).contains(
                "POST /api/orders", "GET /api/orders/{orderId}", "GET /api/orders", "GET /api/orders/{orderId}/stream",
                "POST /api/orders/{orderId}/cancel", "POST /api/orders/{orderId}/ship",
                "POST /api/orders/{orderId}/complete", "PUT /api/admin/products/{sku}",
                "POST /api/admin/products/{sku}/restock", "GET /api/products/{sku}", "GET /api/dashboard/summary",
                "GET /api/admin/sagas", "GET /api/admin/sagas/{orderId}", "POST /api/admin/sagas/{orderId}/redrive",
                "POST /api/admin/sagas/{orderId}/abort", "POST /api/admin/sagas/redrive",
                "GET /api/admin/orders/{orderId}/events", "GET /api/admin/processors",
                "POST /api/admin/processors/{name}/replay", "GET /api/admin/processors/{name}/dead-letters",
                "POST /api/admin/processors/{name}/dead-letters/retry", "GET /api/admin/audit",
                "PUT /api/dev/payment-provider", "GET /api/dev/payment-provider/charges", "POST /api/dev/tokens",
                "GET /api/admin/gate/reconciliation", "POST /api/admin/gate/{sku}/rebuild");
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/components/schemas/Problem/properties/code/type").asText())
                .as(api.get("components").toString()).isEqualTo("string");
        JsonNode placement = api.at("/paths/~1api~1orders/post");
        assertThat(placement.get("parameters").findValuesAsText("name")).contains("Idempotency-Key");
        assertThat(placement.at("/requestBody/content/application~1json/schema")).isNotEmpty();
        assertThat(placement.at("/responses/429/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(api.at("/paths/~1api~1orders~1{orderId}~1cancel/post/parameters").findValuesAsText("name"))
                .contains("Idempotency-Key");
        assertThat(app.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    private static double metricValue(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no series " + series));
    }
}
