package com.orderplatform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets a 4xx problem+json with a stable code, and no event is stored. */
class BadInputIT {

    private static final String SKU = "BAD-1";
    private static RunningApp app;
    private static String customer;
    private static String admin;
    private long eventsBefore;

    @BeforeAll
    static void startApp() {
        app = SharedApp.get();
        app.defineProduct(SKU, 100, 10, 0);
        customer = app.customer("careless");
        admin = app.admin();
    }

    @BeforeEach
    void waitForQuiet() {
        AtomicLong last = new AtomicLong(-1);
        await().pollInterval(Duration.ofMillis(150)).atMost(Duration.ofSeconds(30))
                .until(() -> last.getAndSet(app.storedEvents()) == app.storedEvents());
        eventsBefore = app.storedEvents();
    }

    static Stream<Arguments> badOrders() {
        String big = "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}],\"paymentMethod\":\"" + "x".repeat(1_048_576) + "\"}";
        return Stream.of(
                Arguments.of("malformed JSON", "application/json", "{\"items\":[", 400, "MALFORMED_JSON"),
                Arguments.of("empty body", "application/json", "", 400, "MALFORMED_BODY"),
                Arguments.of("no items", "application/json", "{\"items\":[],\"paymentMethod\":\"tok_ok\"}", 400, "VALIDATION_FAILED"),
                Arguments.of("items missing", "application/json", "{\"paymentMethod\":\"tok_ok\"}", 400, "VALIDATION_FAILED"),
                Arguments.of("payment method missing", "application/json", order(1), 400, "VALIDATION_FAILED"),
                Arguments.of("quantity 0", "application/json", orderWith(0), 400, "VALIDATION_FAILED"),
                Arguments.of("negative quantity", "application/json", orderWith(-1), 400, "VALIDATION_FAILED"),
                Arguments.of("quantity 10^12", "application/json", orderWith(1_000_000_000_000L), 400, "INVALID_VALUE"),
                Arguments.of("fractional quantity", "application/json",
                        "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1.5}],\"paymentMethod\":\"tok_ok\"}", 400, "INVALID_VALUE"),
                Arguments.of("quantity as text", "application/json",
                        "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":\"one\"}],\"paymentMethod\":\"tok_ok\"}", 400, "INVALID_VALUE"),
                Arguments.of("quantity as a numeric string", "application/json",
                        "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":\"1\"}],\"paymentMethod\":\"tok_ok\"}", 400, "INVALID_VALUE"),
                Arguments.of("payment method as a number", "application/json",
                        "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}],\"paymentMethod\":123}", 400, "INVALID_VALUE"),
                Arguments.of("SKU as a boolean", "application/json",
                        "{\"items\":[{\"sku\":true,\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}", 400, "INVALID_VALUE"),
                Arguments.of("unknown SKU", "application/json",
                        "{\"items\":[{\"sku\":\"NOPE-1\",\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}", 422, "UNKNOWN_SKU"),
                Arguments.of("malformed SKU", "application/json",
                        "{\"items\":[{\"sku\":\"../etc\",\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}", 400, "VALIDATION_FAILED"),
                Arguments.of("same SKU twice", "application/json",
                        "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1},{\"sku\":\"" + SKU + "\",\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}",
                        400, "DUPLICATE_SKU"),
                Arguments.of("client-supplied price", "application/json",
                        "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1,\"price\":1}],\"paymentMethod\":\"tok_ok\"}", 400, "UNKNOWN_FIELD"),
                Arguments.of("client-supplied user id", "application/json",
                        "{\"userId\":\"someone-else\",\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}],\"paymentMethod\":\"tok_ok\"}",
                        400, "UNKNOWN_FIELD"),
                Arguments.of("wrong content type", "text/plain", orderWith(1), 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("no content type", null, orderWith(1), 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("a 1 MB body", "application/json", big, 413, "PAYLOAD_TOO_LARGE"));
    }

    private static String orderWith(long quantity) {
        return "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":" + quantity + "}],\"paymentMethod\":\"tok_ok\"}";
    }

    private static String order(long quantity) {
        return "{\"items\":[{\"sku\":\"" + SKU + "\",\"quantity\":" + quantity + "}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void aBadOrderIsRefusedWithAProblemAndStoresNothing(String what, String contentType, String body, int status, String code) {
        RunningApp.Response response = app.postRaw("/api/orders", customer, contentType, body, "Idempotency-Key", "k-" + what);

        assertProblem(response, status, code);
        assertNoEventStored();
    }

    @Test
    void anOrderWithoutAnIdempotencyKeyIsRefused() {
        RunningApp.Response response = app.postRaw("/api/orders", customer, "application/json", orderWith(1));

        assertProblem(response, 400, "MISSING_HEADER");
        assertNoEventStored();
    }

    @Test
    void anIdempotencyKeyTooLongIsRefusedOnEveryPath() {
        String tooLong = "k".repeat(101);

        assertProblem(app.postRaw("/api/orders", customer, "application/json", orderWith(1), "Idempotency-Key", tooLong),
                400, "INVALID_IDEMPOTENCY_KEY");
        assertProblem(app.post("/api/admin/products/" + SKU + "/restock", admin, Map.of("quantity", 1),
                "Idempotency-Key", tooLong), 400, "INVALID_IDEMPOTENCY_KEY");
        assertNoEventStored();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws Exception {
        byte[] body = ("{\"items\":[],\"paymentMethod\":\"" + "y".repeat(1_048_576) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/orders"))
                .header("Authorization", "Bearer " + customer)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "chunked")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertProblem(new RunningApp.Response(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body(), response.headers().map()), 413,
                "PAYLOAD_TOO_LARGE");
        assertNoEventStored();
    }

    static Stream<Arguments> badProducts() {
        return Stream.of(
                Arguments.of("negative stock", Map.of("name", "x", "priceCents", 1, "currency", "EUR", "stock", -1, "perUserLimit", 0)),
                Arguments.of("bad currency", Map.of("name", "x", "priceCents", 1, "currency", "euro", "stock", 1, "perUserLimit", 0)),
                Arguments.of("negative price", Map.of("name", "x", "priceCents", -5, "currency", "EUR", "stock", 1, "perUserLimit", 0)),
                Arguments.of("no name", Map.of("priceCents", 1, "currency", "EUR", "stock", 1, "perUserLimit", 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProducts")
    void aBadProductDefinitionIsRefused(String what, Map<String, Object> body) {
        RunningApp.Response response = app.put("/api/admin/products/" + SKU, admin, body);

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertNoEventStored();
    }

    @Test
    void aProductWithANumberAsTextIsRefused() {
        RunningApp.Response response = app.put("/api/admin/products/" + SKU, admin,
                Map.of("name", "x", "priceCents", 1, "currency", "EUR", "stock", "-1", "perUserLimit", 0));

        assertProblem(response, 400, "INVALID_VALUE");
        assertNoEventStored();
    }

    @Test
    void thousandsOfBadItemsGetABoundedAnswerListingEachViolationOnce() {
        // Each item breaks two rules (no SKU, quantity 0), and there are more than 20 items: 4,801 violations.
        String items = IntStream.range(0, 2_400).mapToObj(i -> "{\"quantity\":0}").collect(Collectors.joining(","));
        String body = "{\"items\":[" + items + "],\"paymentMethod\":\"tok_ok\"}";

        RunningApp.Response first = app.postRaw("/api/orders", customer, "application/json", body,
                "Idempotency-Key", "k-2400-items");
        RunningApp.Response again = app.postRaw("/api/orders", customer, "application/json", body,
                "Idempotency-Key", "k-2400-items");

        assertProblem(first, 400, "VALIDATION_FAILED");
        assertThat(first.body().length()).isLessThan(8_000);
        JsonNode errors = first.json().get("errors");
        assertThat(errors).hasSize(20);
        assertThat(first.json().get("moreErrors").asInt()).isEqualTo(4_801 - 20);
        assertThat(errors.findValuesAsText("field").stream().distinct()).hasSize(20);
        assertThat(first.json().get("detail").asText()).isEqualTo("4801 values are invalid; see errors.");
        assertThat(again.body()).isEqualTo(first.body());
        assertNoEventStored();
    }

    @Test
    void aRestockOfNothingIsRefused() {
        assertProblem(app.post("/api/admin/products/" + SKU + "/restock", admin, Map.of("quantity", 0)), 400, "VALIDATION_FAILED");
        assertNoEventStored();
    }

    @Test
    void restockingAnUnknownProductIsNotFound() {
        assertProblem(app.post("/api/admin/products/NOPE-2/restock", admin, Map.of("quantity", 1)), 404, "NOT_FOUND");
        assertNoEventStored();
    }

    @Test
    void cancellingAnUnknownOrderIsNotFound() {
        assertProblem(app.post("/api/orders/123456789/cancel", customer, Map.of()), 404, "ORDER_NOT_FOUND");
        assertProblem(app.post("/api/orders/not-an-id/cancel", customer, Map.of()), 404, "ORDER_NOT_FOUND");
        assertNoEventStored();
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        assertProblem(app.get("/api/nothing-here", customer), 404, "NOT_FOUND");
    }

    @Test
    void aWrongMethodIsAProblemToo() {
        assertProblem(app.put("/api/orders", customer, Map.of()), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aBadPageSizeIsRefused() {
        assertProblem(app.get("/api/orders?size=1000", customer), 400, "VALIDATION_FAILED");
        assertProblem(app.get("/api/orders?status=LOST", customer), 400, "INVALID_PARAMETER");
    }

    private static void assertProblem(RunningApp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
    }

    private void assertNoEventStored() {
        assertThat(app.storedEvents()).isEqualTo(eventsBefore);
    }
}
