package com.orderplatform.infra.kafka;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes like Axon's {@link KafkaPublisher} in {@code wait_for_ack} mode, but waits for the broker's
 * acknowledgements once per batch instead of once per event: every event of the publisher's batch is sent, then,
 * before the batch commits (and the processor's position moves on), each send must have been acknowledged, or the
 * batch fails and is sent again. The extension's publisher waits for each event before sending the next — a round
 * trip and a produce request per event, which made the embedded broker a fifth of the CPU an order cost.
 */
final class BatchAcknowledgedKafkaPublisher extends KafkaPublisher<String, CloudEvent> {

    private static final String SENT = BatchAcknowledgedKafkaPublisher.class.getName() + ".sent";

    private final ProducerFactory<String, CloudEvent> producers;
    private final KafkaMessageConverter<String, CloudEvent> converter;
    private final String topic;
    private final Duration ackTimeout;

    BatchAcknowledgedKafkaPublisher(Builder<String, CloudEvent> builder, ProducerFactory<String, CloudEvent> producers,
                                    KafkaMessageConverter<String, CloudEvent> converter, String topic,
                                    Duration ackTimeout) {
        super(builder.producerFactory(producers).messageConverter(converter).topic(topic)
                .publisherAckTimeout(ackTimeout.toMillis()));
        this.producers = producers;
        this.converter = converter;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        Future<RecordMetadata> sent = producers.createProducer().send(converter.createKafkaMessage(event, topic));
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(SENT, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAcknowledgements(sends));
            return sends;
        }).add(sent);
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> sends) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Future<RecordMetadata> sent : sends) {
            try {
                sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventPublicationFailedException("Interrupted while waiting for Kafka", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new EventPublicationFailedException("Kafka did not acknowledge a batch of events", e);
            }
        }
    }
}
