package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.app.support.RunningApp;
import com.orderplatform.infra.redis.EmbeddedRedisServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command,saga process and a query process, sharing only Redis and Kafka, as the README runs them. */
class SplitRolesIT {

    @Test
    void anOrderPlacedOnTheCommandSideBecomesPaidOnTheQuerySide() throws Exception {
        try (RunningApp commands = RunningApp.start(Files.createTempDirectory("orders-commands"),
                Map.of("orders.roles", "command,saga"))) {
            try (RunningApp queries = RunningApp.start(Files.createTempDirectory("orders-queries"), Map.of(
                    "orders.roles", "query",
                    "orders.redis.embedded", "false",
                    "orders.redis.address", commands.bean(EmbeddedRedisServer.class).address(),
                    "orders.kafka.embedded", "false",
                    "axon.kafka.bootstrap-servers", commands.property("axon.kafka.bootstrap-servers")))) {
                commands.defineProduct("SPLIT-1", 400, 10, 0);
                String token = commands.customer("split-buyer");

                String orderId = commands.placeOrderId(token, "tok_ok", "SPLIT-1", 3);

                assertThat(awaitTerminal(queries, token, orderId, Duration.ofSeconds(30)).get("status").asText())
                        .isEqualTo("PAID");
                assertThat(queries.get("/api/products/SPLIT-1", token).json().path("sold").asLong()).isEqualTo(3);
                assertThat(commands.get("/api/orders/" + orderId, token).status()).isEqualTo(404);
                assertThat(queries.placeOrder(token, "tok_ok", Map.of("SPLIT-1", 1)).status()).isEqualTo(405);
                assertThat(queries.storedEvents()).isZero();
            }
        }
    }
}
