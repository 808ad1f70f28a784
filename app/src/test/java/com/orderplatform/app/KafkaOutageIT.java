package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static com.orderplatform.app.support.Stock.Units.settled;
import static com.orderplatform.app.support.Stock.awaitUnits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.TopicReader;
import com.orderplatform.infra.kafka.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event store is the outbox: a broker outage delays Kafka's consumers but loses and duplicates nothing. */
class KafkaOutageIT {

    /** The database's settings: none for the default (H2); {@code KafkaOutageOnPostgresIT} overrides it. */
    Map<String, Object> database() {
        return Map.of();
    }

    @Test
    void ordersAreTakenWhileTheBrokerIsDownAndViewsFedByKafkaCatchUpWithoutDuplicatesOnceItIsBack() throws Exception {
        Map<String, Object> settings = new HashMap<>(database());
        settings.put("orders.query.source", "kafka");
        try (RunningApp app = RunningApp.start(Files.createTempDirectory("orders-outage-it"), settings)) {
            ordersSurviveAnOutage(app, true);
        }
    }

    @Test
    void viewsReadingTheEventStoreStayCurrentWhileTheBrokerIsDown() throws Exception {
        try (RunningApp app = RunningApp.start(Files.createTempDirectory("orders-outage-local-it"), database())) {
            ordersSurviveAnOutage(app, false);
        }
    }

    private static void ordersSurviveAnOutage(RunningApp app, boolean viewsReadKafka) {
        app.defineProduct("OUTAGE-1", 100, 1000, 0);
        String token = app.customer("outage-buyer");
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String orderId = app.placeOrderId(token, "tok_ok", "OUTAGE-1", 1);
            awaitTerminal(app, token, orderId, Duration.ofSeconds(10));
            orderIds.add(orderId);
        }
        EmbeddedKafkaBroker broker = app.bean(EmbeddedKafkaBroker.class);

        broker.stop();
        List<String> placedWhileDown = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RunningApp.Response response = app.placeOrder(token, "tok_ok", Map.of("OUTAGE-1", 1));
            assertThat(response.status()).as(response.toString()).isEqualTo(202);
            placedWhileDown.add(response.json().get("orderId").asText());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> placedWhileDown.stream()
                .allMatch(id -> app.storedEventsOfType(id, OrderConfirmedEvent.class) == 1));
        String last = placedWhileDown.get(placedWhileDown.size() - 1);
        if (viewsReadKafka) {
            RunningApp.Response viewWhileDown = app.get("/api/orders/" + last, token);
            assertThat(viewWhileDown.status() == 404 || !viewWhileDown.json().get("status").asText().equals("PAID"))
                    .as("the view cannot know of a confirmation that never reached Kafka: " + viewWhileDown).isTrue();
        } else {
            assertThat(awaitTerminal(app, token, last, Duration.ofSeconds(10)).get("status").asText()).isEqualTo("PAID");
        }
        broker.start();
        orderIds.addAll(placedWhileDown);

        for (String orderId : orderIds) {
            assertThat(awaitTerminal(app, token, orderId, Duration.ofSeconds(120)).get("status").asText())
                    .isEqualTo("PAID");
        }
        Map<String, List<String>> stored = new HashMap<>();
        Map<String, Integer> expected = new HashMap<>();
        for (String orderId : orderIds) {
            stored.put(orderId, app.storedEventIds(orderId));
            expected.put(orderId, stored.get(orderId).size());
        }
        Map<String, List<String>> published = TopicReader.eventIdsByKey(app, expected, Duration.ofSeconds(60), r -> {
        });
        for (String orderId : orderIds) {
            assertThat(published.get(orderId).stream().distinct().toList()).as(orderId).isEqualTo(stored.get(orderId));
        }
        awaitUnits(app, "OUTAGE-1", settled(975, 25), Duration.ofSeconds(5));
        assertThat(app.jdbc().queryForObject("select count(*) from order_view where user_id = 'outage-buyer'",
                Long.class)).isEqualTo(25);
    }
}
