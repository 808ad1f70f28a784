package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static com.orderplatform.app.support.Orders.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FlashSaleIT {

    private static final int BUYERS = 200;
    private static final int UNITS = 50;

    @Test
    void twoHundredConcurrentBuyersOfFiftyUnitsSellExactlyFifty() throws Exception {
        RunningApp app = SharedApp.get();
        String sku = "FLASH-1";
        app.defineProduct(sku, 9900, UNITS, 1);
        List<String> tokens = IntStream.range(0, BUYERS).mapToObj(i -> app.customer("buyer-" + i)).toList();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<CompletableFuture<RunningApp.Response>> placements = new ArrayList<>();
        for (String token : tokens) {
            placements.add(CompletableFuture.supplyAsync(() -> {
                awaitStart(start);
                return app.placeOrder(token, "tok_ok", Map.of(sku, 1));
            }, pool));
        }
        start.countDown();
        List<RunningApp.Response> responses = placements.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(202));
        Map<String, Long> outcomes = new java.util.HashMap<>();
        for (int i = 0; i < BUYERS; i++) {
            JsonNode order = awaitTerminal(app, tokens.get(i), responses.get(i).json().get("orderId").asText(),
                    Duration.ofSeconds(60));
            String outcome = order.get("status").asText() + "/" + order.path("cancelReason").asText("");
            outcomes.merge(outcome, 1L, Long::sum);
        }
        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("PAID/", 50L, "CANCELLED/OUT_OF_STOCK", 150L));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode stock = product(app, sku);
            assertThat(stock.get("sold").asLong()).isEqualTo(UNITS);
            assertThat(stock.get("reserved").asLong()).isZero();
            assertThat(stock.get("available").asLong() + stock.get("reserved").asLong() + stock.get("sold").asLong())
                    .isEqualTo(UNITS);
        });
    }

    private static void awaitStart(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
