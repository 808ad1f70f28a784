package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaPublishingIT {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void everyStoredEventOfAnOrderIsOnTheTopicOnceAndInOrderAsACloudEvent() {
        RunningApp app = SharedApp.get();
        app.defineProduct("KAFKA-1", 100, 100, 0);
        String token = app.customer("kafka-reader");
        List<String> orderIds = new ArrayList<>();
        for (String method : List.of("tok_ok", "tok_declined", "tok_ok")) {
            String orderId = app.placeOrderId(token, method, "KAFKA-1", 1);
            awaitTerminal(app, token, orderId, Duration.ofSeconds(5));
            orderIds.add(orderId);
        }
        Map<String, List<String>> stored = new HashMap<>();
        for (String orderId : orderIds) {
            stored.put(orderId, app.jdbc().queryForList("select event_identifier from domain_event_entry "
                    + "where aggregate_identifier = ? order by sequence_number", String.class, orderId));
        }

        Map<String, List<String>> published = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", app.bean(org.springframework.core.env.Environment.class)
                        .getProperty("axon.kafka.bootstrap-servers"),
                "group.id", "kafka-publishing-it-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of("orders.events"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (orderIds.contains(record.key())) {
                        assertIsCloudEvent(record);
                        published.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(header(record, "ce_id"));
                    }
                }
                return stored.entrySet().stream().allMatch(e ->
                        published.getOrDefault(e.getKey(), List.of()).size() >= e.getValue().size());
            });
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> {
                if (orderIds.contains(record.key())) {
                    published.get(record.key()).add(header(record, "ce_id"));
                }
            });
        }

        assertThat(published).isEqualTo(stored);
    }

    private static void assertIsCloudEvent(ConsumerRecord<String, byte[]> record) {
        String type = header(record, "ce_type");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_source")).isEqualTo("urn:order-platform");
        assertThat(header(record, "ce_subject")).isEqualTo(record.key());
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(type).startsWith("com.orderplatform.api.");
        assertThat(header(record, "ce_dataschema"))
                .isEqualTo("urn:order-platform:events:" + type.substring(type.lastIndexOf('.') + 1) + ":v1");
        try {
            assertThat(JSON.readTree(record.value()).path("orderId").asText()).isEqualTo(record.key());
        } catch (java.io.IOException e) {
            throw new AssertionError("record value is not JSON: " + new String(record.value(), StandardCharsets.UTF_8), e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
