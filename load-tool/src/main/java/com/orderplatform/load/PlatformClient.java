package com.orderplatform.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** The platform's public HTTP API, as a buyer, an admin and the dev token endpoint see it; one connection per thread. */
public final class PlatformClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The status, and the body as sent: it is read as JSON only by those who ask (a refusal's body is not read). */
    public record Answer(int status, byte[] raw) {

        public JsonNode body() {
            return parse(raw);
        }

        public String orderId() {
            JsonNode body = body();
            return body == null ? null : body.path("orderId").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final List<URI> bases;
    private final URI base;
    private final String basePath;
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<List<Object>, byte[]> orderBodies = new ConcurrentHashMap<>();
    private final ThreadLocal<HttpConnection> connection;
    private final String jwtSecret;

    /**
     * {@code baseUrl}: one instance, or several separated by commas (same path), whose threads' connections take
     * turns: each thread talks to one instance, the threads spread evenly over them.
     */
    public PlatformClient(String baseUrl) {
        this(baseUrl, null);
    }

    /**
     * {@code jwtSecret}: the instances' HMAC secret, to mint tokens here instead of asking the dev token endpoint
     * (which would exercise, and so warm, the server before it is measured); null to ask the endpoint.
     */
    public PlatformClient(String baseUrl, String jwtSecret) {
        this.jwtSecret = jwtSecret;
        this.bases = java.util.Arrays.stream(baseUrl.split(",")).map(String::trim).map(URI::create).toList();
        this.base = bases.get(0);
        String path = base.getPath() == null ? "" : base.getPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
        this.connection = ThreadLocal.withInitial(() -> {
            HttpConnection opened = new HttpConnection(bases.get(Math.floorMod(turn.getAndIncrement(), bases.size())));
            connections.add(opened);
            return opened;
        });
    }

    /** The ports the instances listen on, to find their processes (for their CPU time). */
    List<Integer> ports() {
        return bases.stream().map(uri -> uri.getPort() > 0 ? uri.getPort() : 80).toList();
    }

    boolean isLocal() {
        return bases.stream().map(URI::getHost)
                .allMatch(host -> host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1"));
    }

    public String token(String userId, String... roles) {
        if (jwtSecret != null) {
            return mint(userId, roles);
        }
        Answer answer = send("POST", "/api/dev/tokens", null, Map.of("userId", userId, "roles", List.of(roles)));
        if (answer.status() != 200) {
            throw new IllegalStateException("minting a dev token failed (" + answer.status() + "); is this the local "
                    + "default profile?");
        }
        return answer.body().get("token").asText();
    }

    /** An HS256 token as the local default's dev token endpoint mints it, signed here with the same secret. */
    private String mint(String userId, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString(json(Map.of("alg", "HS256")));
        String claims = base64.encodeToString(json(Map.of("sub", userId, "iss", "orders-platform", "iat", now,
                "exp", now + 12 * 3600, "roles", List.of(roles))));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + claims).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return header + "." + claims + "." + base64.encodeToString(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    public void defineProduct(String admin, String sku, long priceCents, long stock, int perUserLimit) {
        Answer answer = send("PUT", "/api/admin/products/" + sku, admin, Map.of("name", "Load " + sku,
                "priceCents", priceCents, "currency", "EUR", "stock", stock, "perUserLimit", perUserLimit));
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("defining " + sku + " failed: " + answer);
        }
    }

    /** A placement with a fresh Idempotency-Key; the body of each kind of order is written once and reused. */
    public Answer placeOrder(String token, Map<String, Integer> lines, String paymentMethod) {
        byte[] body = orderBodies.computeIfAbsent(List.of(lines, paymentMethod), kind -> json(Map.of("items",
                lines.entrySet().stream()
                        .map(line -> Map.<String, Object>of("sku", line.getKey(), "quantity", line.getValue()))
                        .toList(),
                "paymentMethod", paymentMethod)));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return exchange("POST", "/api/orders", token, body,
                "Idempotency-Key", new UUID(random.nextLong(), random.nextLong()).toString());
    }

    public Answer order(String token, String orderId) {
        return send("GET", "/api/orders/" + orderId, token, null);
    }

    public Answer product(String token, String sku) {
        return send("GET", "/api/products/" + sku, token, null);
    }

    /** The event processors with their segments' positions and lag (an admin's view). */
    public Answer processors(String admin) {
        return send("GET", "/api/admin/processors", admin, null);
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

    private Answer send(String method, String path, String token, Object body, String... extraHeaders) {
        return exchange(method, path, token, body == null ? null : json(body), extraHeaders);
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer exchange(String method, String path, String token, byte[] content, String... extraHeaders) {
        try {
            String[] headers = new String[extraHeaders.length + (content != null ? 2 : 0) + (token != null ? 2 : 0)];
            int at = 0;
            if (content != null) {
                headers[at++] = "Content-Type";
                headers[at++] = "application/json";
            }
            if (token != null) {
                headers[at++] = "Authorization";
                headers[at++] = "Bearer " + token;
            }
            System.arraycopy(extraHeaders, 0, headers, at, extraHeaders.length);
            HttpConnection.Response response = connection.get().exchange(method, basePath + path, headers, content);
            return new Answer(response.status(), response.body());
        } catch (IOException e) {
            connection.get().close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        connections.forEach(HttpConnection::close);
    }
}
