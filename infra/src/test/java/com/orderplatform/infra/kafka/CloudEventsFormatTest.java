package com.orderplatform.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.api.order.OrderConfirmedEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class CloudEventsFormatTest {

    private final KafkaMessageConverter<String, CloudEvent> converter =
            CloudEventsFormat.converter(JacksonSerializer.defaultSerializer());
    private final DomainEventMessage<OrderConfirmedEvent> stored = new GenericDomainEventMessage<>(
            "Order", "42", 3, new OrderConfirmedEvent("42", "alice", 2500, "EUR"));

    @Test
    void anEventIsACloudEventKeyedByItsAggregateWithJsonData() {
        ProducerRecord<String, CloudEvent> record = converter.createKafkaMessage(stored, "orders.events");
        CloudEvent event = record.value();

        assertThat(record.key()).isEqualTo("42");
        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getId()).isEqualTo(stored.getIdentifier());
        assertThat(event.getType()).isEqualTo(OrderConfirmedEvent.class.getName());
        assertThat(event.getSource()).isEqualTo(URI.create("urn:order-platform"));
        assertThat(event.getSubject()).isEqualTo("42");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getDataSchema()).isEqualTo(URI.create("urn:order-platform:events:OrderConfirmedEvent:v1"));
        assertThat(event.getExtension("axonmessageaggregateseq")).isEqualTo(3L);
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"orderId\":\"42\",\"userId\":\"alice\",\"totalCents\":2500,\"currency\":\"EUR\"}");
    }

    @Test
    void aRecordReadBackFromItsKafkaBytesIsTheSameDomainEventAgain() {
        CloudEvent event;
        ProducerRecord<String, CloudEvent> sent = converter.createKafkaMessage(stored, "orders.events");
        RecordHeaders headers = new RecordHeaders();
        byte[] value;
        try (CloudEventSerializer serializer = new CloudEventSerializer();
             CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            serializer.configure(Map.of(), false);
            deserializer.configure(Map.of(), false);
            value = serializer.serialize("orders.events", headers, sent.value());
            event = deserializer.deserialize("orders.events", headers, value);
        }

        EventMessage<?> read = converter.readKafkaMessage(new ConsumerRecord<>("orders.events", 0, 7, "42", event))
                .orElseThrow();

        assertThat(read).isInstanceOf(DomainEventMessage.class);
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) read;
        assertThat(domainEvent.getIdentifier()).isEqualTo(stored.getIdentifier());
        assertThat(domainEvent.getAggregateIdentifier()).isEqualTo("42");
        assertThat(domainEvent.getSequenceNumber()).isEqualTo(3);
        assertThat(domainEvent.getTimestamp()).isEqualTo(stored.getTimestamp());
        assertThat(domainEvent.getPayload()).isEqualTo(stored.getPayload());
    }
}
