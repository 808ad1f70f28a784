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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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

    /**
     * Sends every record of the topic once more, unchanged (same partition, key, headers and value), as a
     * publisher that never saw its acknowledgements would; returns the end offsets afterwards.
     */
    public static Map<TopicPartition, Long> publishEverythingAgain(RunningApp app) {
        String servers = app.property("axon.kafka.bootstrap-servers");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", servers,
                "key.deserializer", ByteArrayDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", servers,
                    "acks", "all", "key.serializer", ByteArraySerializer.class.getName(),
                    "value.serializer", ByteArraySerializer.class.getName()))) {
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    producer.send(new ProducerRecord<>(TOPIC, record.partition(), record.timestamp(), record.key(),
                            record.value(), record.headers()));
                }
                producer.flush();
            }
            return consumer.endOffsets(partitions);
        }
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
