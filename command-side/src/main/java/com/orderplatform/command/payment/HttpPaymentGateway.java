package com.orderplatform.command.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.api.payment.PaymentIds;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The payment provider's HTTP API (a card processor's: Stripe's shape). Every charge carries the payment id as its
 * {@code Idempotency-Key}, every refund the payment id with {@code -refund}, on every attempt — so the processor's
 * retries ({@link PaymentProcessor}) can never charge or refund twice, and a charge retried after its first attempt
 * timed out gets the first attempt's outcome. A 503 {@code unavailable} means the provider processed nothing
 * ({@link PaymentProviderUnavailableException}, the charge parks); any other refusal is an error. An answer that
 * does not match the request (another order, another amount) is an error too, never recorded.
 */
public class HttpPaymentGateway implements PaymentGateway {

    private final HttpClient http;
    private final Supplier<URI> base;
    private final PaymentProviderProperties properties;
    private final ObjectMapper json;

    /** {@code base}: asked at each call, as an embedded provider's port is known only once it started. */
    HttpPaymentGateway(Supplier<URI> base, PaymentProviderProperties properties, ObjectMapper json) {
        this.base = base;
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
    }

    @Override
    public CompletableFuture<ChargeResult> charge(ChargeRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", request.amountCents());
        body.put("currency", request.currency());
        body.put("payment_method", request.paymentMethod());
        body.put("order_id", request.orderId());
        return send("POST", "/v1/payment_intents", PaymentIds.forOrder(request.orderId()), body).thenApply(intent -> {
            if (!request.orderId().equals(intent.path("order_id").asText())
                    || intent.path("amount").asLong() != request.amountCents()) {
                throw new IllegalStateException("the provider answered for another charge: " + intent);
            }
            return switch (intent.path("status").asText()) {
                case "succeeded" -> ChargeResult.approved(intent.path("id").asText());
                case "declined" -> ChargeResult.declined(intent.path("decline_code").asText("declined"));
                default -> throw new IllegalStateException("the provider gave no outcome: " + intent);
            };
        });
    }

    @Override
    public CompletableFuture<String> refund(RefundRequest request) {
        return refund(request.providerReference(), request.amountCents(),
                PaymentIds.forOrder(request.orderId()) + "-refund");
    }

    /** Everything the provider holds about one order's charges. */
    public List<JsonNode> intentsOfOrder(String orderId) {
        return list("/v1/payment_intents?order_id=" + URLEncoder.encode(orderId, StandardCharsets.UTF_8));
    }

    /**
     * Up to {@code limit} of the provider's intents in the order it created them: after {@code startingAfter}, or
     * (null) from the first created at or after {@code createdSince}.
     */
    public List<JsonNode> intents(String startingAfter, Instant createdSince, int limit) {
        return list("/v1/payment_intents?limit=" + limit + (startingAfter == null
                ? "&created_gte=" + createdSince.toEpochMilli()
                : "&starting_after=" + URLEncoder.encode(startingAfter, StandardCharsets.UTF_8)));
    }

    /** Refunds {@code amountCents} of one of the provider's charges, once per {@code idempotencyKey}. */
    public CompletableFuture<String> refund(String providerReference, long amountCents, String idempotencyKey) {
        return send("POST", "/v1/refunds", idempotencyKey,
                Map.of("payment_intent", providerReference, "amount", amountCents))
                .thenApply(refund -> refund.path("id").asText());
    }

    /** Asks the provider to send its webhooks to {@code url} too. */
    public void registerWebhook(String url) {
        send("POST", "/v1/webhook_endpoints", null, Map.of("url", url)).join();
    }

    /** The simulator's behaviour ({@code mode}, {@code latency_ms}); a real provider has no such thing (404). */
    public JsonNode simulator() {
        return send("GET", "/v1/simulator", null, null).join();
    }

    public JsonNode simulate(Map<String, Object> behaviour) {
        return send("PUT", "/v1/simulator", null, behaviour).join();
    }

    private List<JsonNode> list(String pathAndQuery) {
        List<JsonNode> items = new ArrayList<>();
        send("GET", pathAndQuery, null, null).join().path("data").forEach(items::add);
        return items;
    }

    private CompletableFuture<JsonNode> send(String method, String pathAndQuery, String idempotencyKey, Object body) {
        String root = base.get().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + pathAndQuery))
                .timeout(properties.readTimeout())
                .header("Authorization", "Bearer " + properties.apiKey());
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> answer(method, pathAndQuery, response));
    }

    private JsonNode answer(String method, String pathAndQuery, HttpResponse<byte[]> response) {
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new CompletionException(new IllegalStateException("the provider answered " + method + " "
                    + pathAndQuery + " with " + response.statusCode() + " and no JSON"));
        }
        if (response.statusCode() == 200) {
            return answer;
        }
        String code = answer.path("error").path("code").asText("");
        if (response.statusCode() == 503 && "unavailable".equals(code)) {
            throw new CompletionException(new PaymentProviderUnavailableException("the provider processed nothing: "
                    + answer.path("error").path("message").asText()));
        }
        throw new CompletionException(new PaymentProviderException(response.statusCode(), code,
                method + " " + pathAndQuery + ": " + answer.path("error").path("message").asText()));
    }

    /** The provider refused a request (its status and error code). */
    public static class PaymentProviderException extends RuntimeException {

        private final int status;
        private final String code;

        PaymentProviderException(int status, String code, String message) {
            super(status + " " + code + ": " + message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }
}
