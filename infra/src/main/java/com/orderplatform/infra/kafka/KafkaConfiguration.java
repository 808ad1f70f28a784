package com.orderplatform.infra.kafka;

import com.orderplatform.infra.axon.EventStoreSource;
import com.orderplatform.infra.axon.ProcessorProperties;
import io.cloudevents.CloudEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.AsyncFetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Kafka as the outbox's destination and, where the query role runs on its own, the views' source (the event store
 * otherwise, {@link ViewSource}). The consumer side is wired here rather than by
 * {@code axon.kafka.fetcher.enabled}: that switch also replaces the JPA token store with a Kafka one, which would
 * move the saga's and the publisher's positions out of the database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({OrdersKafkaProperties.class, QueryProperties.class})
public class KafkaConfiguration {

    /** The name the order view's {@code source} refers to, whichever source is active. */
    public static final String QUERY_EVENT_SOURCE = "queryEventSource";
    /** The same for the views no buyer waits on (the product view): from the event store, with the followers' linger. */
    public static final String FOLLOWER_QUERY_EVENT_SOURCE = "followerQueryEventSource";

    @Bean(initMethod = "start", destroyMethod = "stop")
    @Conditional(KafkaSwitch.EmbeddedBroker.class)
    EmbeddedKafkaBroker embeddedKafka(OrdersKafkaProperties properties) {
        return new EmbeddedKafkaBroker(Path.of(properties.logDir()), properties.port(), properties.controllerPort());
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(KafkaSwitch.On.class)
    static class KafkaOn {

        @Bean
        KafkaMessageConverter<String, CloudEvent> kafkaMessageConverter(@Qualifier("eventSerializer") Serializer serializer) {
            return CloudEventsFormat.converter(serializer);
        }

        @Bean(destroyMethod = "shutDown")
        KafkaPublisher<String, CloudEvent> kafkaPublisher(
                ProducerFactory<String, CloudEvent> axonKafkaProducerFactory,
                KafkaMessageConverter<String, CloudEvent> converter,
                KafkaProperties axonKafka,
                @Qualifier("eventSerializer") Serializer serializer) {
            return new BatchAcknowledgedKafkaPublisher(KafkaPublisher.<String, CloudEvent>builder().serializer(serializer),
                    axonKafkaProducerFactory, converter, axonKafka.getDefaultTopic(), Duration.ofSeconds(10));
        }

        /**
         * The publisher's processor, registered as the extension's auto-configuration does but reading the event store
         * with the linger of the processors that follow the orders (the extension hands it the plain event store), in
         * batches of {@code publisher-batch-size}. A failure to publish stops it until Kafka takes the batch.
         */
        @Bean
        KafkaEventPublisher<String, CloudEvent> kafkaEventPublisher(KafkaPublisher<String, CloudEvent> publisher,
                                                                    KafkaProperties axonKafka,
                                                                    EventProcessingConfigurer processing,
                                                                    OrdersKafkaProperties properties,
                                                                    ProcessorProperties processors) {
            String group = axonKafka.getPublisher().getProcessingGroup();
            KafkaEventPublisher<String, CloudEvent> handler = KafkaEventPublisher.<String, CloudEvent>builder()
                    .processingGroup(group).kafkaPublisher(publisher).build();
            processing.registerEventHandler(configuration -> handler)
                    .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance())
                    .assignHandlerTypesMatching(group, KafkaEventPublisher.class::isAssignableFrom)
                    .registerTrackingEventProcessor(group,
                            configuration -> new EventStoreSource(configuration.eventStore(), processors.followersLinger()),
                            configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(properties.publisherBatchSize()));
            return handler;
        }

        /** The topic always exists before anyone reads it: here, or in other processes that consume it. */
        @Autowired
        void createTopic(KafkaProperties axonKafka, OrdersKafkaProperties properties,
                         Optional<EmbeddedKafkaBroker> embeddedBroker) {
            // The embedded broker, when there is one, is a parameter only so that it is running before this call.
            EventsTopic.ensure(axonKafka.getBootstrapServers(), axonKafka.getDefaultTopic(), properties.partitions(),
                    Duration.ofSeconds(10));
        }

        @Bean(name = {QUERY_EVENT_SOURCE, FOLLOWER_QUERY_EVENT_SOURCE})
        @Conditional(ViewSource.Kafka.class)
        StreamableKafkaMessageSource<String, CloudEvent> kafkaQueryEventSource(
                KafkaProperties axonKafka,
                KafkaMessageConverter<String, CloudEvent> converter,
                Fetcher<String, CloudEvent, KafkaEventMessage> kafkaQueryFetcher,
                @Qualifier("eventSerializer") Serializer serializer) {
            return StreamableKafkaMessageSource.<String, CloudEvent>builder()
                    .topics(List.of(axonKafka.getDefaultTopic()))
                    .consumerFactory(new DefaultConsumerFactory<>(axonKafka.buildConsumerProperties()))
                    .fetcher(kafkaQueryFetcher)
                    .messageConverter(converter)
                    .serializer(serializer)
                    .bufferFactory(() -> new SortedKafkaMessageBuffer<>(axonKafka.getFetcher().getBufferSize()))
                    .build();
        }

        @Bean(destroyMethod = "shutdown")
        @Conditional(ViewSource.Kafka.class)
        Fetcher<String, CloudEvent, KafkaEventMessage> kafkaQueryFetcher(OrdersKafkaProperties properties) {
            return AsyncFetcher.<String, CloudEvent, KafkaEventMessage>builder()
                    .pollTimeout(properties.pollTimeout().toMillis())
                    .build();
        }
    }

    /** The order view, which buyers poll after placing, lingers like the order's steps. */
    @Bean(name = QUERY_EVENT_SOURCE)
    @Conditional(ViewSource.EventStore.class)
    EventStoreSource eventStoreQueryEventSource(EventStore eventStore,
                                                ProcessorProperties processors) {
        return new EventStoreSource(eventStore, processors.linger());
    }

    @Bean(name = FOLLOWER_QUERY_EVENT_SOURCE)
    @Conditional(ViewSource.EventStore.class)
    EventStoreSource eventStoreFollowerQueryEventSource(EventStore eventStore, ProcessorProperties processors) {
        return new EventStoreSource(eventStore, processors.followersLinger());
    }
}
