package com.orderplatform.infra.kafka;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.cloudevent.CloudEventKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.cloudevent.ExtensionUtils;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;

/**
 * The published format of {@code orders.events}: CloudEvents 1.0 in Kafka binary mode. Attributes travel as
 * {@code ce_*} headers, the event itself as the JSON record value. Each event type has a schema version: its
 * {@code @Revision}, or 1 without one, named by {@code ce_dataschema}; a breaking change bumps it (and adds an
 * upcaster), an added field does not.
 */
public final class CloudEventsFormat {

    public static final URI SOURCE = URI.create("urn:order-platform");
    public static final String CONTENT_TYPE = "application/json";

    private CloudEventsFormat() {
    }

    public static KafkaMessageConverter<String, CloudEvent> converter(Serializer eventSerializer) {
        return new SequencePreserving(CloudEventKafkaMessageConverter.builder()
                .serializer(eventSerializer)
                .sourceSupplier(message -> SOURCE)
                .subjectSupplier(CloudEventsFormat::subject)
                .dataContentTypeSupplier(message -> Optional.of(CONTENT_TYPE))
                .dataSchemaSupplier(message -> Optional.of(dataSchema(message.getPayloadType())))
                .build());
    }

    private static final ClassValue<URI> DATA_SCHEMAS = new ClassValue<>() {
        @Override
        protected URI computeValue(Class<?> eventType) {
            return URI.create("urn:order-platform:events:" + eventType.getSimpleName() + ":v" + schemaVersion(eventType));
        }
    };

    public static URI dataSchema(Class<?> eventType) {
        return DATA_SCHEMAS.get(eventType);
    }

    static String schemaVersion(Class<?> eventType) {
        Revision revision = eventType.getAnnotation(Revision.class);
        return revision == null ? "1" : revision.value();
    }

    /**
     * In binary mode every extension comes back from Kafka as text, and the extension's converter then reads the
     * aggregate sequence number as 0 (axon-kafka 4.9.0): the number is restored before the record is read.
     */
    private record SequencePreserving(CloudEventKafkaMessageConverter delegate)
            implements KafkaMessageConverter<String, CloudEvent> {

        @Override
        public ProducerRecord<String, CloudEvent> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
            return delegate.createKafkaMessage(eventMessage, topic);
        }

        @Override
        public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, CloudEvent> record) {
            CloudEvent event = record.value();
            Object sequence = event == null ? null : event.getExtension(ExtensionUtils.AGGREGATE_SEQ);
            if (!(sequence instanceof String text)) {
                return delegate.readKafkaMessage(record);
            }
            CloudEvent restored = CloudEventBuilder.v1(event)
                    .withExtension(ExtensionUtils.AGGREGATE_SEQ, Long.parseLong(text))
                    .build();
            return delegate.readKafkaMessage(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                    record.timestamp(), record.timestampType(), record.serializedKeySize(),
                    record.serializedValueSize(), record.key(), restored, record.headers(), record.leaderEpoch()));
        }
    }

    private static Optional<String> subject(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> domainEvent
                ? Optional.of(domainEvent.getAggregateIdentifier())
                : Optional.empty();
    }
}
