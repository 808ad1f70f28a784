package com.orderplatform.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every outcome once as a signed event, {@link #FIRST_DELIVERY} after it, as card processors do. The
 * registered endpoints are the addresses of one receiver — the instances of the order platform, each registering its
 * own, as a production provider's one endpoint reaches them behind a load balancer: each event goes to one of them,
 * in turn, and an attempt that fails goes to the next (sending every event to every instance made each of them
 * verify and record every outcome, N times the work with N instances). The header
 * {@value #SIGNATURE_HEADER} carries {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" under the secret>},
 * signed afresh at each attempt. A delivery is tried again after a connection error, a 5xx or a 429, with a pause
 * doubling from half a second, {@value #ATTEMPTS} times in all (about two minutes); any other answer ends it — a 4xx
 * says the receiver refuses this event, and sending it again would not change that. Deliveries in flight are not
 * part of the durable record: a provider restarted mid-retry does not send them again (reconciliation finds what
 * was missed).
 */
final class Webhooks implements AutoCloseable {

    static final String SIGNATURE_HEADER = "Provider-Signature";
    static final int ATTEMPTS = 8;
    /** Events go out a moment after the outcome, as a processor's do (asynchronously, typically within seconds). */
    static final Duration FIRST_DELIVERY = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    private final ProviderBook book;
    private final ObjectMapper json;
    private final String secret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "provider-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong sent = new AtomicLong();

    Webhooks(ProviderBook book, ObjectMapper json, String secret, Clock clock) {
        this.book = book;
        this.json = json;
        this.secret = secret;
        this.clock = clock;
    }

    /** Sends {@code object} as an event of {@code type} to one endpoint (the next in turn); returns the event's id. */
    String send(String type, Object object) {
        long number = sent.incrementAndGet();
        String id = "evt_" + run + "_" + number;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("created", clock.millis() / 1000);
        event.put("data", Map.of("object", object));
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<String> endpoints = book.endpoints();
        if (!endpoints.isEmpty()) {
            int first = (int) (number % endpoints.size());
            retries.schedule(() -> deliver(endpoints, first, id, body, 1), FIRST_DELIVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return id;
    }

    /** Attempt {@code attempt} (from 1) goes to the endpoint after the last one tried. */
    private void deliver(List<String> endpoints, int first, String id, String body, int attempt) {
        String endpoint = endpoints.get((first + attempt - 1) % endpoints.size());
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, signature(secret, clock.millis() / 1000, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            boolean again = failure != null || response.statusCode() >= 500 || response.statusCode() == 429;
            if (!again) {
                if (response.statusCode() >= 300) {
                    log.warn("Webhook {} refused by {} with {}", id, endpoint, response.statusCode());
                }
                return;
            }
            if (attempt >= ATTEMPTS) {
                log.warn("Webhook {} to {} given up after {} attempts ({})", id, endpoint, attempt,
                        failure != null ? failure.toString() : response.statusCode());
                return;
            }
            retries.schedule(() -> deliver(endpoints, first, id, body, attempt + 1), 500L << (attempt - 1),
                    TimeUnit.MILLISECONDS);
        });
    }

    /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code timestampSeconds}. */
    static String signature(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestampSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
