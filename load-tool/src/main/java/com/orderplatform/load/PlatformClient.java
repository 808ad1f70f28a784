package com.orderplatform.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/** The platform's public HTTP API, as a buyer, an admin and the dev token endpoint see it. */
public final class PlatformClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Answer(int status, JsonNode body) {

        public String orderId() {
            return body == null ? null : body.path("orderId").asText(null);
        }
    }

    private final String baseUrl;
    private final HttpClient http;

    public PlatformClient(String baseUrl, int connections) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(Math.max(2, Math.min(connections, 64))))
                .build();
    }

    public String token(String userId, String... roles) {
        Answer answer = send("POST", "/api/dev/tokens", null, Map.of("userId", userId, "roles", List.of(roles)));
        if (answer.status() != 200) {
            throw new IllegalStateException("minting a dev token failed (" + answer.status() + "); is this the local "
                    + "default profile?");
        }
        return answer.body().get("token").asText();
    }

    public void defineProduct(String admin, String sku, long priceCents, long stock, int perUserLimit) {
        Answer answer = send("PUT", "/api/admin/products/" + sku, admin, Map.of("name", "Load " + sku,
                "priceCents", priceCents, "currency", "EUR", "stock", stock, "perUserLimit", perUserLimit));
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("defining " + sku + " failed: " + answer);
        }
    }

    public Answer placeOrder(String token, Map<String, Integer> lines, String paymentMethod) {
        List<Map<String, Object>> items = lines.entrySet().stream()
                .map(line -> Map.<String, Object>of("sku", line.getKey(), "quantity", line.getValue()))
                .toList();
        return send("POST", "/api/orders", token, Map.of("items", items, "paymentMethod", paymentMethod),
                "Idempotency-Key", UUID.randomUUID().toString());
    }

    public Answer order(String token, String orderId) {
        return send("GET", "/api/orders/" + orderId, token, null);
    }

    public Answer product(String token, String sku) {
        return send("GET", "/api/products/" + sku, token, null);
    }

    public Answer ping(String token) {
        return send("GET", "/api/ping", token, null);
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
    }

    private Answer send(String method, String path, String token, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
