package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static com.orderplatform.app.support.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import com.orderplatform.app.support.TopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaPublishingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyStoredEventOfAnOrderIsOnTheTopicOnceAndInOrderAsACloudEvent() {
        RunningApp app = app();
        app.defineProduct("KAFKA-1", 100, 100, 0);
        String token = app.customer("kafka-reader");
        Map<String, List<String>> stored = new HashMap<>();
        for (String method : List.of("tok_ok", "tok_declined", "tok_ok")) {
            String orderId = app.placeOrderId(token, method, "KAFKA-1", 1);
            awaitTerminal(app, token, orderId, Duration.ofSeconds(5));
            stored.put(orderId, app.storedEventIds(orderId));
        }
        Map<String, Integer> expected = new HashMap<>();
        stored.forEach((orderId, ids) -> expected.put(orderId, ids.size()));

        Map<String, List<String>> published = TopicReader.eventIdsByKey(app, expected, Duration.ofSeconds(30),
                KafkaPublishingIT::assertIsCloudEvent);

        assertThat(published).isEqualTo(stored);
    }

    /** The application under test: the shared one (H2). */
    RunningApp app() {
        return SharedApp.get();
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
        } catch (IOException e) {
            throw new AssertionError("record value is not JSON: " + new String(record.value(), StandardCharsets.UTF_8), e);
        }
    }
}
