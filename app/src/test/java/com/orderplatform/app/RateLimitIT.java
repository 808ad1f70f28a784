package com.orderplatform.app;

import static com.orderplatform.app.support.Stock.Units.settled;
import static com.orderplatform.app.support.Stock.awaitUnits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderplatform.app.support.RunningApp;
import com.orderplatform.infra.gate.StockGate;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge's rate limits against the running application with its own, low limits. */
class RateLimitIT {

    private static final int PER_USER = 10;
    private static final int PER_CLIENT = 20;
    @TempDir
    static Path dataDir;
    private static RunningApp app;

    @BeforeAll
    static void start() {
        // The shipped timeout (250 ms): an answer from Redis later than that is decided by the instance's own count
        // (when-redis-down LOCAL), which on a single instance holds the same limits.
        app = RunningApp.start(dataDir, Map.of(
                "orders.rate-limit.per-user-placements", PER_USER, "orders.rate-limit.per-user-interval", "10m",
                "orders.rate-limit.per-client-requests", PER_CLIENT, "orders.rate-limit.per-client-interval", "10m"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aBurstOfTwoThousandPlacementsByOneUserIsRefusedPastItsLimitAndLeavesNoTrace() throws Exception {
        app.defineProduct("BURST", 100, 5_000, 0);
        String greedy = app.customer("rl-greedy");

        List<RunningApp.Response> answers = burst(2_000, i -> app.placeOrder(greedy, "tok_ok", Map.of("BURST", 1)));

        Map<Integer, Long> byStatus = answers.stream()
                .collect(Collectors.groupingBy(RunningApp.Response::status, Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(202, (long) PER_USER, 429, 2_000L - PER_USER));
        assertThat(answers.stream().filter(a -> a.status() == 429)).allSatisfy(refused -> {
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.code()).isEqualTo("RATE_LIMITED");
            assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 600L);
        });
        awaitUnits(app, "BURST", settled(5_000 - PER_USER, PER_USER), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(app.bean(StockGate.class).read("BURST").orElseThrow().available()).isEqualTo(5_000 - PER_USER));
        assertThat(app.jdbc().queryForObject("select count(*) from idempotency_key where user_id = 'rl-greedy'",
                Long.class)).isEqualTo(PER_USER);
        assertThat(app.jdbc().queryForObject("select count(*) from order_view where user_id = 'rl-greedy'",
                Long.class)).isEqualTo(PER_USER);

        assertThat(app.placeOrder(app.customer("rl-modest"), "tok_ok", Map.of("BURST", 1)).status()).isEqualTo(202);
    }

    @Test
    void otherStateChangingRequestsAreLimitedPerClientAndReadsAreNot() throws Exception {
        String busy = app.customer("rl-busy");

        List<RunningApp.Response> cancels = burst(PER_CLIENT + 10,
                i -> app.post("/api/orders/" + (900_000_000L + i) + "/cancel", busy, Map.of()));

        assertThat(cancels.stream().filter(a -> a.status() == 404)).hasSize(PER_CLIENT);
        assertThat(cancels.stream().filter(a -> a.status() == 429)).hasSize(10);
        assertThat(IntStream.range(0, 50).mapToObj(i -> app.get("/api/orders", busy)))
                .allSatisfy(read -> assertThat(read.status()).isEqualTo(200));
    }

    /**
     * Redis paused (SIGSTOP) — it holds its connections and answers nothing — during a flood by one user: the limiter
     * waits its timeout, then the instance decides with its own count, and no more than the user's limit get past it.
     */
    @Test
    void whileRedisIsPausedAFloodIsHeldToTheLimitByTheInstance() throws Exception {
        app.defineProduct("PAUSED", 100, 5_000, 0);
        String flooder = app.customer("rl-paused");
        String redisPid = Files.readString(dataDir.resolve("redis.pid")).trim();
        signal("STOP", redisPid);
        List<RunningApp.Response> answers;
        try {
            answers = burst(300, i -> app.placeOrder(flooder, "tok_ok", Map.of("PAUSED", 1)));
        } finally {
            signal("CONT", redisPid);
        }

        Map<String, Long> byAnswer = answers.stream()
                .collect(Collectors.groupingBy(a -> a.status() + " " + a.code(), Collectors.counting()));
        assertThat(answers.stream().filter(a -> a.status() != 429)).as("past the limiter: %s", byAnswer)
                .hasSizeBetween(1, PER_USER);
        assertThat(answers.stream().filter(a -> a.status() == 429)).as("%s", byAnswer)
                .allSatisfy(refused -> assertThat(refused.header("Retry-After")).isPresent());
        StockGate gate = app.bean(StockGate.class);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> gate.read("PAUSED") != null
                        && app.bean(CircuitBreaker.class).getState() == CircuitBreaker.State.CLOSED);
    }

    private static void signal(String signal, String pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %s", signal, pid).isZero();
    }

    private static List<RunningApp.Response> burst(int requests, Function<Integer, RunningApp.Response> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<RunningApp.Response>> sent = IntStream.range(0, requests)
                    .mapToObj(i -> pool.submit(() -> request.apply(i))).toList();
            List<RunningApp.Response> answers = new java.util.ArrayList<>();
            for (Future<RunningApp.Response> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
