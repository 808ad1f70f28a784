package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static com.orderplatform.app.support.Orders.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.TopicReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Views fed from orders.events (as where the query role runs on its own): a replay rebuilds them as they were,
 * duplicated records change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryFromKafkaIT {

    private static final List<String> VIEW_PROCESSORS = List.of("order-view", "product-view");

    private static RunningApp app;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> settings = new HashMap<>(database());
        settings.put("orders.query.source", "kafka");
        app = RunningApp.start(Files.createTempDirectory("orders-kafka-it"), settings);
    }

    /** The database's settings: none for the default (H2). */
    Map<String, Object> database() {
        return Map.of();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void replayingTheTopicFromTheBeginningRebuildsTheSameViews() {
        settledOrders("REPLAY-1", "replay-buyer");
        Map<String, List<Map<String, Object>>> before = views();

        for (String name : VIEW_PROCESSORS) {
            TrackingEventProcessor processor = processor(name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                VIEW_PROCESSORS.stream().noneMatch(name -> processor(name).isReplaying()) && views().equals(before));
    }

    @Test
    void everyRecordPublishedTwiceChangesNothing() {
        settledOrders("REDELIVER-1", "redelivery-buyer");
        Map<String, List<Map<String, Object>>> before = views();

        Map<TopicPartition, Long> end = TopicReader.publishEverythingAgain(app);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                VIEW_PROCESSORS.stream().allMatch(name -> reached(token(name), end)));
        assertThat(views()).isEqualTo(before);
    }

    private static boolean reached(TrackingToken token, Map<TopicPartition, Long> endOffsets) {
        if (!(token instanceof KafkaTrackingToken kafka)) {
            return false;
        }
        return endOffsets.entrySet().stream().allMatch(partition ->
                kafka.getPositions().getOrDefault(partition.getKey(), -1L) >= partition.getValue() - 1);
    }

    private static void settledOrders(String sku, String userId) {
        app.defineProduct(sku, 250, 50, 0);
        String token = app.customer(userId);
        for (String method : List.of("tok_ok", "tok_declined", "tok_ok", "tok_declined", "tok_ok")) {
            awaitTerminal(app, token, app.placeOrderId(token, method, sku, 2), Duration.ofSeconds(10));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> product(app, sku).path("sold").asLong() == 6
                && product(app, sku).path("reserved").asLong() == 0);
    }

    private static Map<String, List<Map<String, Object>>> views() {
        return Map.of(
                "order_view", app.jdbc().queryForList("select * from order_view order by order_id"),
                "product_view", app.jdbc().queryForList("select * from product_view order by sku"));
    }

    private static TrackingEventProcessor processor(String name) {
        return app.processor(name);
    }

    /** The processor's position, without the replay wrapper a first start or a reset puts around it. */
    private static TrackingToken token(String processorName) {
        return WrappedToken.unwrapUpperBound(app.bean(TransactionManager.class)
                .fetchInTransaction(() -> app.bean(TokenStore.class).fetchToken(processorName, 0)));
    }

}
