package com.orderplatform.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator over real HTTP: idempotency keys, refunds within the charge, signed webhooks, a durable record. */
class PaymentProviderSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk_test_unit";
    private static final String SECRET = "whsec_unit";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Delivery> webhooks = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private PaymentProviderSimulator provider;

    private record Delivery(String signature, String body) {
    }

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            webhooks.add(new Delivery(exchange.getRequestHeaders().getFirst(Webhooks.SIGNATURE_HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        provider = start(Duration.ofMillis(10));
        assertThat(call("POST", "/v1/webhook_endpoints", null,
                Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")).statusCode())
                .isEqualTo(200);
    }

    @AfterEach
    void stop() {
        provider.close();
        receiver.stop(0);
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstOutcomeAndChargesNothingMore() throws Exception {
        Map<String, Object> charge = charge("order-1", 1500, "tok_ok");
        JsonNode first = json(call("POST", "/v1/payment_intents", "pay-1", charge));
        HttpResponse<String> again = call("POST", "/v1/payment_intents", "pay-1", charge);

        assertThat(first.get("status").asText()).isEqualTo("succeeded");
        assertThat(json(again).get("id")).isEqualTo(first.get("id"));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(intentsOf("order-1")).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() throws Exception {
        call("POST", "/v1/payment_intents", "pay-2", charge("order-2", 1500, "tok_ok"));
        HttpResponse<String> other = call("POST", "/v1/payment_intents", "pay-2", charge("order-2", 9999, "tok_ok"));

        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(json(other).path("error").path("type").asText()).isEqualTo("idempotency_error");
        assertThat(intentsOf("order-2")).hasSize(1);
    }

    @Test
    void aRefundNeverExceedsWhatWasChargedAndIsMadeOncePerKey() throws Exception {
        String intent = json(call("POST", "/v1/payment_intents", "pay-3", charge("order-3", 1500, "tok_ok")))
                .get("id").asText();
        HttpResponse<String> tooMuch = call("POST", "/v1/refunds", "refund-3a",
                Map.of("payment_intent", intent, "amount", 1501));
        JsonNode refund = json(call("POST", "/v1/refunds", "refund-3", Map.of("payment_intent", intent, "amount", 1500)));
        JsonNode repeated = json(call("POST", "/v1/refunds", "refund-3", Map.of("payment_intent", intent, "amount", 1500)));
        HttpResponse<String> second = call("POST", "/v1/refunds", "refund-3b",
                Map.of("payment_intent", intent, "amount", 1));

        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(json(tooMuch).path("error").path("code").asText()).isEqualTo("amount_too_large");
        assertThat(repeated.get("id")).isEqualTo(refund.get("id"));
        assertThat(json(second).path("error").path("code").asText()).isEqualTo("amount_too_large");
        assertThat(intentsOf("order-3").get(0).get("amount_refunded").asLong()).isEqualTo(1500);
    }

    @Test
    void aDeclinedCardIsDeclinedAndCannotBeRefunded() throws Exception {
        JsonNode declined = json(call("POST", "/v1/payment_intents", "pay-4", charge("order-4", 700, "tok_declined")));
        HttpResponse<String> refund = call("POST", "/v1/refunds", "refund-4",
                Map.of("payment_intent", declined.get("id").asText(), "amount", 700));

        assertThat(declined.get("status").asText()).isEqualTo("declined");
        assertThat(declined.get("decline_code").asText()).isEqualTo("card_declined");
        assertThat(json(refund).path("error").path("code").asText()).isEqualTo("charge_not_refundable");
    }

    @Test
    void everyOutcomeIsSentAsAWebhookSignedOverItsTimestampAndBody() throws Exception {
        call("POST", "/v1/payment_intents", "pay-5", charge("order-5", 300, "tok_ok"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !webhooks.isEmpty());
        Delivery delivery = webhooks.get(0);
        long timestamp = Long.parseLong(delivery.signature().replaceAll("^t=([0-9]+),.*$", "$1"));
        assertThat(delivery.signature()).isEqualTo(Webhooks.signature(SECRET, timestamp, delivery.body()));
        assertThat(delivery.signature()).isNotEqualTo(Webhooks.signature("another", timestamp, delivery.body()));
        JsonNode event = JSON.readTree(delivery.body());
        assertThat(event.get("type").asText()).isEqualTo("payment_intent.succeeded");
        assertThat(event.path("data").path("object").path("order_id").asText()).isEqualTo("order-5");
    }

    /**
     * The registered endpoints are one receiver's addresses (its instances): each event reaches one of them once, in
     * turn, and one that does not answer passes its events on to the next.
     */
    @Test
    void eachEventGoesToOneOfTheEndpointsInTurnAndPastOneThatIsDown() throws Exception {
        List<Delivery> second = new CopyOnWriteArrayList<>();
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/hook", exchange -> {
            second.add(new Delivery(exchange.getRequestHeaders().getFirst(Webhooks.SIGNATURE_HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        other.start();
        try {
            assertThat(call("POST", "/v1/webhook_endpoints", null,
                    Map.of("url", "http://127.0.0.1:" + other.getAddress().getPort() + "/hook")).statusCode())
                    .isEqualTo(200);
            for (int i = 0; i < 6; i++) {
                call("POST", "/v1/payment_intents", "pay-turn-" + i, charge("order-turn-" + i, 100, "tok_ok"));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> webhooks.size() + second.size() >= 6);
            Thread.sleep(700); // a second copy of any event would be sent within FIRST_DELIVERY
            assertThat(webhooks).hasSize(3);
            assertThat(second).hasSize(3);
            assertThat(orderIds(webhooks)).doesNotContainAnyElementsOf(orderIds(second));
        } finally {
            other.stop(0);
        }
        for (int i = 6; i < 10; i++) {
            call("POST", "/v1/payment_intents", "pay-turn-" + i, charge("order-turn-" + i, 100, "tok_ok"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.size() >= 7);
        assertThat(orderIds(webhooks)).containsAll(List.of("order-turn-6", "order-turn-7", "order-turn-8",
                "order-turn-9"));
        assertThat(second).hasSize(3);
    }

    private static List<String> orderIds(List<Delivery> deliveries) throws IOException {
        List<String> ids = new java.util.ArrayList<>();
        for (Delivery delivery : deliveries) {
            ids.add(JSON.readTree(delivery.body()).path("data").path("object").path("order_id").asText());
        }
        return ids;
    }

    @Test
    void downRefusesChargesWithoutProcessingThemButStillShowsTheRecord() throws Exception {
        call("PUT", "/v1/simulator", null, Map.of("mode", "DOWN"));
        HttpResponse<String> refused = call("POST", "/v1/payment_intents", "pay-6", charge("order-6", 300, "tok_ok"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).path("error").path("code").asText()).isEqualTo("unavailable");
        assertThat(intentsOf("order-6")).isEmpty();
    }

    @Test
    void aChargeStillProcessingWhenTheProviderStoppedIsDecidedWhenDueAndSentOnceItRunsAgain() throws Exception {
        provider.close();
        provider = start(Duration.ofSeconds(1));
        HttpClient impatient = HttpClient.newHttpClient();
        HttpRequest slow = request("POST", "/v1/payment_intents", "pay-7", charge("order-7", 900, "tok_ok"))
                .timeout(Duration.ofMillis(300)).build();
        assertThat(impatient.sendAsync(slow, HttpResponse.BodyHandlers.ofString()).handle((ok, e) -> e).get())
                .as("the caller gave up").isNotNull();
        assertThat(intentsOf("order-7").get(0).get("status").asText()).isEqualTo("processing");

        provider.close();
        provider = start(Duration.ofMillis(10));

        await().atMost(Duration.ofSeconds(5)).until(() -> webhooks.stream().anyMatch(w -> w.body().contains("order-7")));
        assertThat(intentsOf("order-7")).hasSize(1);
        assertThat(intentsOf("order-7").get(0).get("status").asText()).isEqualTo("succeeded");
        HttpResponse<String> retried = call("POST", "/v1/payment_intents", "pay-7", charge("order-7", 900, "tok_ok"));
        assertThat(json(retried).get("status").asText()).isEqualTo("succeeded");
        assertThat(intentsOf("order-7")).hasSize(1);
    }

    @Test
    void callsWithoutTheApiKeyAreRefused() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base().resolve("/v1/payment_intents"))
                .header("Authorization", "Bearer wrong").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
    }

    private PaymentProviderSimulator start(Duration latency) throws IOException {
        return PaymentProviderSimulator.start(new ProviderOptions(0, data, KEY, SECRET, latency, Duration.ofSeconds(30),
                0.0));
    }

    private static Map<String, Object> charge(String orderId, long amount, String method) {
        return Map.of("order_id", orderId, "amount", amount, "currency", "EUR", "payment_method", method);
    }

    private List<JsonNode> intentsOf(String orderId) throws Exception {
        JsonNode page = json(call("GET", "/v1/payment_intents?order_id=" + orderId, null, null));
        return JSON.convertValue(page.get("data"), JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
    }

    private HttpResponse<String> call(String method, String path, String key, Object body) throws Exception {
        return http.send(request(method, path, key, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path, String key, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path)).header("Authorization", "Bearer " + KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request;
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + provider.port());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
