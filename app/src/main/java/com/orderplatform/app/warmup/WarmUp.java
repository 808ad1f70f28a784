package com.orderplatform.app.warmup;

import com.orderplatform.command.placement.Catalogue;
import com.orderplatform.infra.security.HmacTokens;
import com.orderplatform.infra.security.SecurityProperties;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * A fresh JVM runs its hot paths interpreted until the JIT has compiled them, and on two cores that takes minutes of
 * traffic: a pod started for a sale, or replacing a dead one mid-sale, served its first minute at a fraction of its
 * warm rate (docs/benchmarks.md). So before the instance reports ready, it sends itself the requests of a buyer over
 * its own HTTP port — a Spring Boot runner runs after the web server started and before readiness turns to
 * {@code ACCEPTING_TRAFFIC}, so {@code /actuator/health/readiness} answers 503 until it is done — until the JIT
 * compilers have settled ({@link WarmUpProperties}).
 *
 * <p>Nothing it does is visible to a real order: every request is refused or reads nothing. It authenticates as
 * warm-up users ({@code warm-up.<n>}, with tokens signed by the instance's own secret), pings, reads an order and a
 * product that do not exist (404) and, where the instance takes placements and its catalogue has no such SKU, places
 * orders for a SKU no catalogue has (refused 422 after the rate limit, the Idempotency-Key claim — dropped again —
 * and the catalogue) and sends an invalid order (400). What it leaves behind: the warm-up users' rate-limit buckets
 * in Redis (expiring after {@code orders.rate-limit.keep-alive}), and the placements it sent counted against the
 * cluster's placement limit while it runs (at most a few hundred a second, for seconds). Where the instance verifies
 * an identity provider's tokens and has no secret of its own, it sends no placements and the rest without a token:
 * the web stack and the refusals are warmed, the authenticated paths are not. It never fails the start: a warm-up
 * that goes wrong is logged and ends.
 */
@Component
@EnableConfigurationProperties(WarmUpProperties.class)
class WarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    /** A SKU no catalogue holds: the warm-up's placements are refused as unknown. */
    static final String NO_SUCH_SKU = "WARM-UP-NO-SUCH-SKU";
    private static final int USERS = 512;
    /** The warm-up's rate has reached its plateau when this many windows in a row gain no more than this share. */
    private static final int PLATEAU_WINDOWS = 3;
    private static final double PLATEAU_GAIN = 0.05;

    private final WarmUpProperties properties;
    private final ApplicationContext context;
    private final ServerProperties server;
    private final SecurityProperties security;
    private final Clock clock;
    private final ObjectProvider<Catalogue> catalogues;

    WarmUp(WarmUpProperties properties, ApplicationContext context, ServerProperties server,
           SecurityProperties security, Clock clock, ObjectProvider<Catalogue> catalogues) {
        this.catalogues = catalogues;
        this.properties = properties;
        this.context = context;
        this.server = server;
        this.security = security;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled() || !(context instanceof WebServerApplicationContext web)) {
            return;
        }
        try {
            warmUp(base(web.getWebServer().getPort()));
        } catch (RuntimeException e) {
            log.warn("Warm-up ended early; the instance starts cold", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI base(int port) {
        String host = server.getAddress() == null || server.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : server.getAddress().getHostAddress();
        String path = server.getServlet().getContextPath() == null ? "" : server.getServlet().getContextPath();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path);
    }

    private void warmUp(URI base) throws InterruptedException {
        long started = System.nanoTime();
        List<String> tokens = tokens();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
        LongAdder requests = new LongAdder();
        boolean placementsAllowed = tokens.get(0) != null && placementsAllowed();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < properties.concurrency(); i++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    round(http, base, tokens, placementsAllowed, answers);
                    requests.increment();
                }
            }, "warm-up-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        try {
            awaitSettled(started, requests);
        } finally {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }
        Map<Integer, Long> byStatus = new TreeMap<>();
        answers.forEach((status, count) -> byStatus.put(status, count.sum()));
        log.info("Warmed up in {} ms ({} requests to itself, by status {}; JIT compilation {} ms in all)",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus, compilationMillis());
    }

    /**
     * Waits at least the minimum, then until the JIT has settled (it compiled for under {@code settledShare} of the
     * last window) or the warm-up's own rate has stopped rising (no window {@code plateauGain} above the best before
     * it, {@code plateauWindows} times in a row), or the maximum has passed.
     */
    private void awaitSettled(long started, LongAdder requests) throws InterruptedException {
        long minimumEnds = started + properties.minimum().toNanos();
        long maximumEnds = started + properties.maximum().toNanos();
        long window = properties.settleWindow().toNanos();
        double best = 0;
        int withoutGain = 0;
        while (System.nanoTime() < maximumEnds) {
            long compiledBefore = compilationMillis();
            long sentBefore = requests.sum();
            long windowStarted = System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(Math.min(window, Math.max(0, maximumEnds - windowStarted)));
            long elapsed = Math.max(1, System.nanoTime() - windowStarted);
            double compiling = (compilationMillis() - compiledBefore) * 1e6 / elapsed;
            double rate = (requests.sum() - sentBefore) * 1e9 / elapsed;
            withoutGain = rate > best * (1 + PLATEAU_GAIN) ? 0 : withoutGain + 1;
            best = Math.max(best, rate);
            boolean settled = compiling < properties.settledShare() || withoutGain >= PLATEAU_WINDOWS;
            if (settled && System.nanoTime() >= minimumEnds) {
                return;
            }
        }
    }

    private static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** One token per warm-up user, signed by the instance; none where it has no secret of its own. */
    private List<String> tokens() {
        return HmacTokens.of(security, clock)
                .map(signer -> java.util.stream.IntStream.range(0, USERS)
                        .mapToObj(n -> signer.mint("warm-up." + n, List.of("CUSTOMER"), Duration.ofMinutes(10)))
                        .toList())
                .orElseGet(() -> {
                    log.info("Warm-up without tokens (no orders.security.jwt-secret): authenticated paths stay cold");
                    return java.util.Collections.singletonList(null);
                });
    }

    /**
     * Placements are sent only by an instance that takes them (it has a catalogue) and only while the catalogue holds
     * no {@link #NO_SUCH_SKU}: were it ever defined, a warm-up placement would be a real order.
     */
    private boolean placementsAllowed() {
        Catalogue catalogue = catalogues.getIfAvailable();
        if (catalogue == null) {
            return false;
        }
        boolean unknown = catalogue.priceOf(NO_SUCH_SKU).isEmpty();
        if (!unknown) {
            log.warn("Warm-up sends no placements: a product {} exists", NO_SUCH_SKU);
        }
        return unknown;
    }

    private static void round(HttpClient http, URI base, List<String> tokens, boolean placements,
                              Map<Integer, LongAdder> answers) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String token = tokens.get(random.nextInt(tokens.size()));
        if (send(http, get(base, "/api/ping", token), answers) == 0) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // not answering: no busy loop
            return;
        }
        if (placements) {
            send(http, post(base, "/api/orders", token, "{\"items\":[{\"sku\":\"" + NO_SUCH_SKU
                    + "\",\"quantity\":" + (1 + random.nextInt(2)) + "}],\"paymentMethod\":\"tok_ok\"}"), answers);
            send(http, post(base, "/api/orders", token,
                    "{\"items\":[{\"sku\":\"" + NO_SUCH_SKU + "\",\"quantity\":0}],\"paymentMethod\":\"tok_ok\"}"),
                    answers);
        }
        send(http, get(base, "/api/orders/" + random.nextLong(1, Long.MAX_VALUE), token), answers);
        send(http, get(base, "/api/products/" + NO_SUCH_SKU, token), answers);
    }

    private static HttpRequest get(URI base, String path, String token) {
        return authorized(HttpRequest.newBuilder(base.resolve(base.getPath() + path)).GET(), token);
    }

    private static HttpRequest post(URI base, String path, String token, String json) {
        return authorized(HttpRequest.newBuilder(base.resolve(base.getPath() + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    private static HttpRequest authorized(HttpRequest.Builder request, String token) {
        request.timeout(Duration.ofSeconds(10));
        return (token == null ? request : request.header("Authorization", "Bearer " + token)).build();
    }

    /** The answer's status, counted; 0 when none came. */
    private static int send(HttpClient http, HttpRequest request, Map<Integer, LongAdder> answers) {
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
        }
        if (answers != null) {
            answers.computeIfAbsent(status, s -> new LongAdder()).increment();
        }
        return status;
    }
}
