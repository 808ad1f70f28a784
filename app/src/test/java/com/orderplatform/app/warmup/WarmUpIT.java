package com.orderplatform.app.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.app.support.RunningApp;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

/**
 * A starting instance warms itself up over its own port before it reports ready, and leaves nothing a real order
 * could see: no event, no order, no product, no Idempotency-Key record or claim.
 */
class WarmUpIT {

    private record Probe(long atNanos, int status) {
    }

    @Test
    void readinessWaitsForTheWarmUpWhichWritesNothingAnOrderCouldSee(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<Probe> probes = new CopyOnWriteArrayList<>();
        AtomicBoolean starting = new AtomicBoolean(true);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        Thread prober = new Thread(() -> {
            while (starting.get()) {
                try {
                    int status = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    probes.add(new Probe(System.nanoTime(), status));
                } catch (java.io.IOException notListeningYet) {
                    // the web server has not started
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        prober.start();
        try (RunningApp app = RunningApp.start(data, Map.of("server.port", port, "orders.warm-up.enabled", true,
                "orders.warm-up.minimum", "3s", "orders.warm-up.maximum", "6s"))) {
            starting.set(false);
            prober.join();

            List<Probe> refusing = probes.stream().filter(probe -> probe.status() == 503).toList();
            assertThat(refusing).as("readiness refused while the instance warmed up").isNotEmpty();
            assertThat(Duration.ofNanos(refusing.get(refusing.size() - 1).atNanos() - refusing.get(0).atNanos()))
                    .as("readiness refused for at least the warm-up's minimum, less the probes' spacing")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
            assertThat(probes.stream().filter(probe -> probe.atNanos() < refusing.get(refusing.size() - 1).atNanos())
                    .map(Probe::status)).as("never ready before the warm-up ended").doesNotContain(200);
            assertThat(app.get("/actuator/health/readiness", null).status()).isEqualTo(200);

            assertThat(requestsServed(app, "/api/ping")).as("the warm-up's pings").isPositive();
            assertThat(requestsServed(app, "/api/orders")).as("the warm-up's refused placements").isPositive();
            assertThat(app.storedEvents()).as("events stored").isZero();
            assertThat(app.jdbc().queryForObject("select count(*) from order_view", Long.class)).isZero();
            assertThat(app.jdbc().queryForObject("select count(*) from product_view", Long.class)).isZero();
            assertThat(app.jdbc().queryForObject("select count(*) from idempotency_key", Long.class)).isZero();
            assertThat(app.bean(RedissonClient.class).getKeys().getKeysByPattern("{idem}:*"))
                    .as("Idempotency-Key claims left in Redis").isEmpty();
        } finally {
            starting.set(false);
            prober.interrupt();
        }
    }

    @Test
    void noWarmUpPlacementIsSentWhenItsSkuExists(@TempDir Path data) {
        try (RunningApp first = RunningApp.start(data)) {
            first.defineProduct(WarmUp.NO_SUCH_SKU, 100, 10, 0);
        }
        try (RunningApp app = RunningApp.start(data, Map.of("orders.warm-up.enabled", true,
                "orders.warm-up.minimum", "2s", "orders.warm-up.maximum", "4s"))) {
            assertThat(requestsServed(app, "/api/ping")).as("the warm-up ran").isPositive();
            assertThat(app.get("/actuator/metrics/http.server.requests?tag=uri:/api/orders", app.admin()).status())
                    .as("no placement was sent").isEqualTo(404);
            assertThat(app.jdbc().queryForObject("select count(*) from order_view", Long.class)).isZero();
        }
    }

    private static double requestsServed(RunningApp app, String uri) {
        RunningApp.Response metric = app.get("/actuator/metrics/http.server.requests?tag=uri:" + uri, app.admin());
        assertThat(metric.status()).as(metric.body()).isEqualTo(200);
        return metric.json().get("measurements").get(0).get("value").asDouble();
    }
}
