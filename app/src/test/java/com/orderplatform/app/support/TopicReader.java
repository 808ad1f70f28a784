package com.orderplatform.app.support;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads orders.events from the beginning as a plain Kafka consumer, the way another team's service would. */
public final class TopicReader {

    public static final String TOPIC = "orders.events";

    private TopicReader() {
    }

    /**
     * The event ids ({@code ce_id}) published for each of the given keys, in topic order, once each key has at
     * least as many records as expected (and after one more poll, so duplicates would show).
     */
    public static Map<String, List<String>> eventIdsByKey(RunningApp app, Map<String, Integer> expectedCounts,
                                                          Duration within, Consumer<ConsumerRecord<String, byte[]>> inspect) {
        Map<String, List<String>> published = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", app.property("axon.kafka.bootstrap-servers"),
                "group.id", "test-reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(TOPIC));
            Consumer<Iterable<ConsumerRecord<String, byte[]>>> collect = records -> records.forEach(record -> {
                if (expectedCounts.containsKey(record.key())) {
                    inspect.accept(record);
                    published.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(header(record, "ce_id"));
                }
            });
            await().atMost(within).until(() -> {
                collect.accept(consumer.poll(Duration.ofMillis(300)));
                return expectedCounts.entrySet().stream().allMatch(e ->
                        published.getOrDefault(e.getKey(), List.of()).size() >= e.getValue());
            });
            collect.accept(consumer.poll(Duration.ofSeconds(1)));
        }
        return published;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
