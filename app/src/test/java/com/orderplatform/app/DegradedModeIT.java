package com.orderplatform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderplatform.app.support.RunningApp;
import com.orderplatform.infra.gate.StockGate;
import com.orderplatform.infra.ids.RedissonNodeLease;
import com.orderplatform.infra.redis.EmbeddedRedisServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

class DegradedModeIT {

    @TempDir
    Path dataDir;

    @Test
    void inRejectModeADeadRedisMeans503AndItsRecoveryClosesTheBreaker() {
        try (RunningApp app = RunningApp.start(dataDir, Map.of("orders.gate.degraded-mode", "REJECT",
                "orders.redis.breaker.open-for", "500ms"))) {
            app.defineProduct("DEGRADED-1", 100, 50, 0);
            String token = app.customer("dora");
            assertThat(app.placeOrder(token, "tok_ok", Map.of("DEGRADED-1", 1)).status()).isEqualTo(202);
            EmbeddedRedisServer redis = app.bean(EmbeddedRedisServer.class);
            StockGate gate = app.bean(StockGate.class);
            CircuitBreaker redisBreaker = app.bean(CircuitBreaker.class);

            redis.stop();
            RunningApp.Response refused = app.placeOrder(token, "tok_ok", Map.of("DEGRADED-1", 1));

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.code()).isEqualTo("STOCK_GATE_UNAVAILABLE");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                app.placeOrder(token, "tok_ok", Map.of("DEGRADED-1", 1));
                return redisBreaker.getState() == CircuitBreaker.State.OPEN;
            });

            redis.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                    app.placeOrder(token, "tok_ok", Map.of("DEGRADED-1", 1)).status() == 202
                            && redisBreaker.getState() == CircuitBreaker.State.CLOSED);
            assertThat(gate.read("DEGRADED-1")).isPresent();
        }
    }

    @Test
    void withoutItsNodeIdLeaseTheInstanceAnswers503UntilItLeasesOneAgain() {
        try (RunningApp app = RunningApp.start(dataDir, Map.of("orders.ids.renew-every", "500ms"))) {
            app.defineProduct("LEASE-1", 100, 50, 0);
            String token = app.customer("leo");
            RedissonNodeLease lease = app.bean(RedissonNodeLease.class);

            app.bean(RedissonClient.class).getKeys().delete("{ids}:node:" + lease.nodeId());

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                RunningApp.Response refused = app.placeOrder(token, "tok_ok", Map.of("LEASE-1", 1));
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.code()).isEqualTo("ID_GENERATION_UNAVAILABLE");
            });
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    app.placeOrder(token, "tok_ok", Map.of("LEASE-1", 1)).status() == 202);
        }
    }
}
