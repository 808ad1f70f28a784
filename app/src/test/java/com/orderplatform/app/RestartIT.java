package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static com.orderplatform.app.support.Stock.Units.settled;
import static com.orderplatform.app.support.Stock.awaitUnits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.api.payment.PaymentIds;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.app.support.RunningApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartIT {

    private static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    /** Where the application keeps its data: H2 in the test's folder here; {@code RestartOnPostgresIT} overrides it. */
    Map<String, Object> database() {
        return Map.of();
    }

    @Test
    void everyAcceptedOrderReachesAnEndAfterARestartAndAChargeWithNoAnswerStillTimesOut() {
        Map<String, Object> settings = new HashMap<>(Map.of("orders.payment.timeout", PAYMENT_TIMEOUT.toString(),
                "orders.payment.simulated.latency", "300ms"));
        settings.putAll(database());
        List<String> paid = new ArrayList<>();
        List<String> declined = new ArrayList<>();
        String slow;
        String customer;
        try (RunningApp before = RunningApp.start(dataDir, settings)) {
            before.defineProduct("RESTART-1", 1000, 100, 0);
            customer = before.customer("rita");
            for (int i = 0; i < 10; i++) {
                paid.add(before.placeOrderId(customer, "tok_ok", "RESTART-1", 1));
                declined.add(before.placeOrderId(customer, "tok_declined", "RESTART-1", 1));
            }
            slow = before.placeOrderId(customer, "tok_slow", "RESTART-1", 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> before.storedEventsOfType(PaymentIds.forOrder(slow),
                    PaymentRequestedEvent.class) == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> before.get("/api/orders/" + slow, customer).json()
                    .path("status").asText().equals("PENDING"));
        }

        try (RunningApp after = RunningApp.start(dataDir, settings)) {
            String token = after.customer("rita");
            for (String orderId : paid) {
                assertThat(awaitTerminal(after, token, orderId, Duration.ofSeconds(20)).get("status").asText())
                        .isEqualTo("PAID");
            }
            for (String orderId : declined) {
                assertThat(awaitTerminal(after, token, orderId, Duration.ofSeconds(20)).get("cancelReason").asText())
                        .isEqualTo("PAYMENT_DECLINED");
            }
            JsonNode timedOut = awaitTerminal(after, token, slow, PAYMENT_TIMEOUT.plusSeconds(10));
            assertThat(timedOut.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(timedOut.get("cancelReason").asText()).isEqualTo("PAYMENT_TIMEOUT");
            awaitUnits(after, "RESTART-1", settled(90, 10), Duration.ofSeconds(5));
        }
    }
}
