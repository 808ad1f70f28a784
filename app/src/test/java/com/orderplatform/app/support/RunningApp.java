package com.orderplatform.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.app.OrderPlatformApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The real application on a random port, with its H2 database in the given folder; talks to it over HTTP. */
public final class RunningApp implements AutoCloseable {

    public static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration PROVIDER_READ_TIMEOUT = Duration.ofSeconds(1);
    /** The embedded provider's webhook secret in the local default. */
    public static final String WEBHOOK_SECRET = "whsec_local";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    private RunningApp(ConfigurableApplicationContext context) {
        this(context, "http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    private RunningApp(ConfigurableApplicationContext context, String baseUrl) {
        this.context = context;
        this.baseUrl = baseUrl;
    }

    /** An application running in another process: HTTP only, no beans. */
    public static RunningApp remote(String baseUrl) {
        return new RunningApp(null, baseUrl);
    }

    public static RunningApp start(Path dataDir, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("orders.warm-up.enabled", false); // WarmUpIT starts one with it
        properties.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("orders").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=100");
        properties.put("orders.payment.timeout", PAYMENT_TIMEOUT.toString());
        properties.put("orders.payment.simulated.slow-latency", "20s");
        properties.put("orders.payment.provider.embedded.port", 0);
        // A call gives up after PROVIDER_READ_TIMEOUT: an outcome later than that reaches us only by webhook.
        properties.put("orders.payment.provider.read-timeout", PROVIDER_READ_TIMEOUT.toString());
        properties.put("orders.payment.provider.embedded.data-dir", dataDir.resolve("payment-provider").toAbsolutePath()
                .toString());
        properties.put("db-scheduler.polling-interval", "200ms");
        // Tests place hundreds of orders as one user; the limits themselves are tested by RateLimitIT.
        properties.put("orders.rate-limit.per-user-placements", 1_000_000);
        properties.put("orders.rate-limit.per-client-requests", 1_000_000);
        int[] kafkaPorts = KAFKA_PORTS.computeIfAbsent(dataDir.toAbsolutePath(), dir -> new int[]{freePort(), freePort()});
        properties.put("orders.redis.embedded-port", 0);
        properties.put("orders.redis.embedded-pid-file", dataDir.resolve("redis.pid").toAbsolutePath().toString());
        properties.put("orders.kafka.embedded", "true");
        properties.put("orders.kafka.log-dir", dataDir.resolve("kafka").toAbsolutePath().toString());
        properties.put("orders.kafka.port", kafkaPorts[0]);
        properties.put("orders.kafka.controller-port", kafkaPorts[1]);
        properties.put("axon.kafka.bootstrap-servers", "127.0.0.1:" + kafkaPorts[0]);
        properties.putAll(overrides);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OrderPlatformApplication.class).run(args);
        return new RunningApp(context);
    }

    /** Kafka keeps its ports across restarts on the same folder, as the local default does. */
    private static final Map<Path, int[]> KAFKA_PORTS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A port free now and never handed out before in this JVM. An embedded Kafka broker that cannot bind its port
     * halts the whole JVM (Kafka's fault handler), so two brokers of one test run must never be given the same one —
     * the operating system may well offer a port again once the first socket closed.
     */
    private static int freePort() {
        while (true) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static RunningApp start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String property(String name) {
        return context.getEnvironment().getProperty(name);
    }

    /** The stored event ids of one aggregate, in sequence order. */
    public List<String> storedEventIds(String aggregateId) {
        return jdbc().queryForList("select event_identifier from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", String.class, aggregateId);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public TrackingEventProcessor processor(String name) {
        return bean(EventProcessingConfiguration.class).eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public long storedEvents() {
        return jdbc().queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    public long storedEventsOfType(String aggregateId, Class<?> type) {
        return jdbc().queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ? and payload_type = ?",
                Long.class, aggregateId, type.getName());
    }

    public String token(String userId, String... roles) {
        Response response = post("/api/dev/tokens", null, Map.of("userId", userId, "roles", List.of(roles)));
        if (response.status() != 200) {
            throw new IllegalStateException("token minting failed: " + response);
        }
        return response.json().get("token").asText();
    }

    public String customer(String userId) {
        return token(userId, "CUSTOMER");
    }

    public String admin() {
        return token("ops", "ADMIN");
    }

    public void defineProduct(String sku, long priceCents, long stock, int perUserLimit) {
        Response response = put("/api/admin/products/" + sku, admin(), Map.of("name", "Product " + sku,
                "priceCents", priceCents, "currency", "EUR", "stock", stock, "perUserLimit", perUserLimit));
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("defining product failed: " + response);
        }
    }

    public Response placeOrder(String token, String paymentMethod, Map<String, Integer> quantities) {
        return placeOrder(token, paymentMethod, quantities, UUID.randomUUID().toString());
    }

    /** A placement under the given idempotency key: a client's retry of an answer that said "retry" sends it again. */
    public Response placeOrder(String token, String paymentMethod, Map<String, Integer> quantities,
                               String idempotencyKey) {
        List<Map<String, Object>> items = quantities.entrySet().stream()
                .map(e -> Map.<String, Object>of("sku", e.getKey(), "quantity", e.getValue()))
                .toList();
        return post("/api/orders", token, Map.of("items", items, "paymentMethod", paymentMethod),
                "Idempotency-Key", idempotencyKey);
    }

    public String placeOrderId(String token, String paymentMethod, String sku, int quantity) {
        Response response = placeOrder(token, paymentMethod, Map.of(sku, quantity));
        if (response.status() != 202) {
            throw new IllegalStateException("placing order failed: " + response);
        }
        return response.json().get("orderId").asText();
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, String token, Object body, String... headers) {
        return send(request(path, token, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public Response postRaw(String path, String token, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = request(path, token, headers);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Opens a server-sent event stream and returns its {@code data:} lines up to and including the first one that
     * contains {@code until} (all of them if the stream ends first).
     */
    public List<String> streamUntil(String path, String token, String until) {
        try {
            HttpResponse<Stream<String>> response = http.send(request(path, token)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
            List<String> data = new ArrayList<>();
            try (Stream<String> lines = response.body()) {
                Iterator<String> each = lines.iterator();
                while (each.hasNext()) {
                    String line = each.next();
                    if (line.startsWith("data:")) {
                        data.add(line);
                        if (line.contains(until)) {
                            break;
                        }
                    }
                }
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response put(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    private HttpRequest.Builder request(String path, String token, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Response(int status, String contentType, String body, Map<String, List<String>> headers) {

        /** The first value of a header, whatever the case of its name. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String code() {
            return json().path("code").asText(null);
        }
    }
}
