package com.orderplatform.provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A payment provider of the project's own, with a card processor's semantics (Stripe's API is the model) on a port
 * of its own: a confirmed charge ({@code POST /v1/payment_intents}) and a refund ({@code POST /v1/refunds}) each need
 * an {@code Idempotency-Key} — a retry with the same key and body gets the first outcome and charges nothing more,
 * the same key with another body is refused — outcomes are also sent as signed webhooks ({@link Webhooks}), and
 * {@code GET /v1/payment_intents} lists what it charged and refunded. Its record is durable ({@link ProviderBook}):
 * a charge still processing when it stopped is decided when it was due (at once if that is past), and its webhook
 * sent, once it runs again. For rehearsals it
 * can be taken down (every charge, refund and registration answered 503 {@code unavailable} at once, nothing
 * processed; reads still answered, so a rehearsal can look at the record) or made slow ({@code PUT /v1/simulator}).
 */
public final class PaymentProviderSimulator implements AutoCloseable {

    public enum Mode { UP, DOWN, SLOW }

    private static final Logger log = LoggerFactory.getLogger(PaymentProviderSimulator.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_PAGE = 1000;

    private final ProviderOptions options;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ProviderBook book;
    private final Webhooks webhooks;
    private final HttpServer server;
    private final ExecutorService requests = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "provider-http");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService decisions = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "provider-decisions");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, CompletableFuture<Intent>> processing = new ConcurrentHashMap<>();
    private volatile Mode mode = Mode.UP;
    private volatile Duration latency;
    /** Off: outcomes are not sent as webhooks at all (a rehearsal of lost webhooks; they are not sent later). */
    private volatile boolean webhooksOn = true;

    private PaymentProviderSimulator(ProviderOptions options, Clock clock) throws IOException {
        this.options = options;
        this.clock = clock;
        this.latency = options.latency();
        this.book = new ProviderBook(options.dataDir(), json);
        this.webhooks = new Webhooks(book, json, options.webhookSecret(), clock);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 512);
        server.setExecutor(requests);
        server.createContext("/v1/", this::serve);
        for (Intent unfinished : book.processing()) {
            decideLater(unfinished, Duration.ofMillis(Math.max(0, unfinished.decideAt() - clock.millis())));
        }
    }

    /** Starts a provider; {@link #port()} says where it listens. */
    public static PaymentProviderSimulator start(ProviderOptions options) throws IOException {
        PaymentProviderSimulator simulator = new PaymentProviderSimulator(options, Clock.systemUTC());
        simulator.server.start();
        log.info("Payment provider simulator listening on port {}, record in {}", simulator.port(),
                options.dataDir().toAbsolutePath());
        return simulator;
    }

    /** {@code java -jar order-platform.jar payment-provider --port=8090 --data-dir=…}: a provider process of its own. */
    public static void main(String[] args) throws Exception {
        PaymentProviderSimulator simulator = start(ProviderOptions.fromArgs(args));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "provider-shutdown"));
        Thread.currentThread().join();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        decisions.shutdownNow();
        requests.shutdownNow();
        webhooks.close();
        try {
            book.close();
        } catch (IOException e) {
            log.warn("Could not close the provider's journal", e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = route(exchange);
            } catch (BadRequest e) {
                answer = error(e.status, e.type, e.code, e.getMessage());
            } catch (RuntimeException e) {
                log.error("Provider simulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                answer = error(500, "api_error", "internal", e.toString());
            }
            byte[] body = json.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.replayed()) {
                exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
            }
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private record Answer(int status, Object body, boolean replayed) {
    }

    private static final class BadRequest extends RuntimeException {
        final int status;
        final String type;
        final String code;

        BadRequest(int status, String type, String code, String message) {
            super(message);
            this.status = status;
            this.type = type;
            this.code = code;
        }

        static BadRequest invalid(String code, String message) {
            return new BadRequest(400, "invalid_request_error", code, message);
        }
    }

    private Answer route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        authorize(exchange);
        if (path.equals("/v1/simulator")) {
            return method.equals("PUT") ? setBehaviour(body(exchange)) : ok(behaviour());
        }
        if (mode == Mode.DOWN && !method.equals("GET")) {
            return error(503, "api_error", "unavailable", "The provider is unavailable; the request was not processed.");
        }
        return switch (method + " " + path) {
            case "POST /v1/payment_intents" -> charge(idempotencyKey(exchange), body(exchange));
            case "GET /v1/payment_intents" -> listIntents(query(exchange.getRequestURI()));
            case "POST /v1/refunds" -> refund(idempotencyKey(exchange), body(exchange));
            case "POST /v1/webhook_endpoints" -> addEndpoint(body(exchange));
            case "GET /v1/webhook_endpoints" -> ok(Map.of("data", book.endpoints()));
            default -> path.startsWith("/v1/payment_intents/") && method.equals("GET")
                    ? book.intent(path.substring("/v1/payment_intents/".length())).map(intent -> ok(view(intent)))
                    .orElseGet(() -> error(404, "invalid_request_error", "resource_missing", "No such payment_intent"))
                    : error(404, "invalid_request_error", "not_found", "Unrecognized request URL: " + method + " " + path);
        };
    }

    private Answer charge(String key, JsonNode body) {
        long amount = body.path("amount").asLong(0);
        String currency = text(body, "currency");
        String paymentMethod = text(body, "payment_method");
        String orderId = text(body, "order_id");
        if (amount <= 0) {
            throw BadRequest.invalid("parameter_invalid_integer", "amount must be a positive integer of cents");
        }
        String fingerprint = amount + "|" + currency + "|" + paymentMethod + "|" + orderId;
        Duration decideIn = "tok_slow".equals(paymentMethod) ? options.slowLatency() : latency;
        ProviderBook.Charge charge;
        try {
            long now = clock.millis();
            charge = book.charge(key, fingerprint, orderId, amount, currency, paymentMethod, now,
                    now + decideIn.toMillis());
        } catch (ProviderBook.IdempotencyMismatch e) {
            throw new BadRequest(400, "idempotency_error", "idempotency_key_in_use", e.getMessage());
        }
        Intent intent = charge.intent();
        if (!charge.replayed()) {
            processing.put(intent.id(), new CompletableFuture<>());
            decideLater(intent, decideIn);
        }
        return new Answer(200, view(settled(intent)), charge.replayed());
    }

    /** The intent once decided: a charge request is answered with its outcome, as a card payment's confirm is. */
    private Intent settled(Intent intent) {
        CompletableFuture<Intent> decision = processing.get(intent.id());
        if (decision == null) {
            return book.intent(intent.id()).orElse(intent);
        }
        try {
            return decision.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void decideLater(Intent intent, Duration after) {
        CompletableFuture<Intent> decision = processing.computeIfAbsent(intent.id(), id -> new CompletableFuture<>());
        decisions.schedule(() -> {
            try {
                String declineCode = declineCode(intent.paymentMethod());
                Intent decided = book.decide(intent.id(), declineCode == null ? Intent.SUCCEEDED : Intent.DECLINED,
                        declineCode);
                processing.remove(intent.id());
                decision.complete(decided);
                if (webhooksOn) {
                    webhooks.send(decided.status().equals(Intent.SUCCEEDED) ? "payment_intent.succeeded"
                            : "payment_intent.payment_failed", view(decided));
                }
            } catch (RuntimeException e) {
                decision.completeExceptionally(e);
                log.error("Could not decide {}", intent.id(), e);
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String declineCode(String paymentMethod) {
        return switch (paymentMethod) {
            case "tok_ok", "tok_slow" -> null;
            case "tok_declined" -> "card_declined";
            default -> ThreadLocalRandom.current().nextDouble() < options.failureRate() ? "simulated_failure" : null;
        };
    }

    private Answer refund(String key, JsonNode body) {
        String intentId = text(body, "payment_intent");
        long amount = body.path("amount").asLong(0);
        if (amount <= 0) {
            throw BadRequest.invalid("parameter_invalid_integer", "amount must be a positive integer of cents");
        }
        String fingerprint = intentId + "|" + amount;
        if (!book.refunded(key)) {
            pause(latency); // a refund made before is answered at once, as a stored idempotent answer is
        }
        try {
            ProviderBook.Refunded refunded = book.refund(key, fingerprint, intentId, amount, clock.millis());
            if (!refunded.replayed() && webhooksOn) {
                webhooks.send("charge.refunded", refunded.refund());
            }
            return new Answer(200, refunded.refund(), refunded.replayed());
        } catch (ProviderBook.IdempotencyMismatch e) {
            throw new BadRequest(400, "idempotency_error", "idempotency_key_in_use", e.getMessage());
        } catch (ProviderBook.RefundRefused e) {
            throw BadRequest.invalid(e.code, e.getMessage());
        }
    }

    private Answer listIntents(Map<String, String> query) {
        List<Intent> intents;
        if (query.containsKey("order_id")) {
            intents = book.intentsOfOrder(query.get("order_id"));
        } else {
            int limit = Math.min(MAX_PAGE, Integer.parseInt(query.getOrDefault("limit", "100")));
            intents = book.page(query.get("starting_after"), Long.parseLong(query.getOrDefault("created_gte", "0")),
                    limit);
        }
        return ok(Map.of("data", intents.stream().map(this::view).toList()));
    }

    private Answer addEndpoint(JsonNode body) {
        String url = text(body, "url");
        URI.create(url);
        book.addEndpoint(url);
        return ok(Map.of("url", url));
    }

    private Map<String, Object> behaviour() {
        Map<String, Object> behaviour = new LinkedHashMap<>();
        behaviour.put("mode", mode.name());
        behaviour.put("latency_ms", latency.toMillis());
        behaviour.put("webhooks", webhooksOn);
        return behaviour;
    }

    /**
     * {@code {"mode":"UP"|"DOWN"|"SLOW","latency_ms":…,"webhooks":true|false}}; absent latency: the configured one;
     * absent webhooks: on.
     */
    private Answer setBehaviour(JsonNode body) {
        Mode wanted;
        try {
            wanted = Mode.valueOf(text(body, "mode"));
        } catch (IllegalArgumentException e) {
            throw BadRequest.invalid("parameter_invalid", "mode must be UP, DOWN or SLOW");
        }
        JsonNode latencyMs = body.path("latency_ms");
        if (wanted == Mode.SLOW && !latencyMs.isNumber()) {
            throw BadRequest.invalid("parameter_missing", "mode SLOW needs latency_ms");
        }
        latency = latencyMs.isNumber() ? Duration.ofMillis(latencyMs.asLong()) : options.latency();
        webhooksOn = body.path("webhooks").asBoolean(true);
        mode = wanted;
        return ok(behaviour());
    }

    private Map<String, Object> view(Intent intent) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", intent.id());
        view.put("object", "payment_intent");
        view.put("order_id", intent.orderId());
        view.put("amount", intent.amount());
        view.put("currency", intent.currency());
        view.put("payment_method", intent.paymentMethod());
        view.put("status", intent.status());
        view.put("decline_code", intent.declineCode());
        view.put("amount_refunded", intent.amountRefunded());
        view.put("created", intent.created());
        view.put("refunds", book.refundsOf(intent.id()));
        view.put("calls", intent.calls());
        return view;
    }

    private void authorize(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] expected = ("Bearer " + options.apiKey()).getBytes(StandardCharsets.UTF_8);
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw new BadRequest(401, "authentication_error", "api_key_invalid", "Invalid API key provided.");
        }
    }

    private static String idempotencyKey(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isBlank() || key.length() > 255) {
            throw BadRequest.invalid("idempotency_key_required", "An Idempotency-Key header of 1 to 255 characters is required.");
        }
        return key;
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw BadRequest.invalid("body_too_large", "The request body is larger than " + MAX_BODY + " bytes.");
            }
            JsonNode body = json.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw BadRequest.invalid("body_invalid", "The request body must be a JSON object.");
            }
            return body;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw BadRequest.invalid("body_invalid", "The request body is not JSON.");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw BadRequest.invalid("parameter_missing", "Missing required param: " + field + ".");
        }
        return value.asText();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Answer ok(Object body) {
        return new Answer(200, body, false);
    }

    private static Answer error(int status, String type, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("code", code);
        error.put("message", message);
        return new Answer(status, Map.of("error", error), false);
    }
}
