package com.orderplatform.infra.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.infra.metrics.CommandTimings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.common.AxonTransientException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.springboot.TokenStoreProperties;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProcessorProperties.class, GroupCommitProperties.class})
public class AxonInfraConfiguration {

    /** The name of the event source of the order's steps; see {@link #stepEventSource}. */
    public static final String STEP_EVENT_SOURCE = "stepEventSource";

    /** Axon's auto-configured JPA storage, built the same way, with gaps read by a query of their own. */
    /** The command bus's timer per command type; see {@link CommandTimings}. Static: Axon's configurer collects it early. */
    /** How views apply their changes: in the batch, or one transaction each after a batch rolled back. */
    @Bean
    ViewUpdates viewUpdates(PlatformTransactionManager transactions, Clock clock) {
        return new ViewUpdates(transactions, clock);
    }

    @Bean
    static ConfigurerModule commandTimings(MeterRegistry meters) {
        return CommandTimings.module(meters);
    }

    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("serializer") Serializer serializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          EntityManagerProvider entityManagerProvider,
                                          TransactionManager transactionManager) {
        return new GapQueryingJpaEventStorageEngine(JpaEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer(serializer))
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager));
    }

    /**
     * Axon's event store, built as its auto-configuration does, with the shared reader switchable (on by default: one
     * reader per process serves every processor and is woken by local commits; off, each processor polls the event
     * store on its own, up to a second per hop — too slow for the saga's chain of hops, measured on PostgreSQL).
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  ProcessorProperties processors) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(processors.sharedEventReader())
                .build();
    }

    /**
     * Axon's snapshotter, built as its auto-configuration does, taking snapshots on a thread of its own. Axon's takes
     * them in the thread whose commit triggered them — the saga's or group commit's — and a snapshot reads the aggregate
     * back from the store: on a SKU that had sold 100,000 units, one stalled the saga for seven seconds (issue 22).
     * Axon lets one snapshot per aggregate be under way at a time, so the queue holds at most one task per aggregate.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory,
                                                    @Qualifier("snapshotExecutor") Executor snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    /** The snapshotter's one thread; a snapshot not yet taken at shutdown is dropped (the next trigger takes it). */
    @Bean(destroyMethod = "shutdownNow")
    ThreadPoolExecutor snapshotExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "snapshotter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Snapshots hold an aggregate's fields, not its getters — configured here once, so that the domain classes carry
     * no serialization annotation. Otherwise the same as the general serializer.
     */
    public static Serializer snapshotSerializer(Serializer general) {
        if (!(general instanceof JacksonSerializer jackson)) {
            throw new IllegalStateException("snapshots need the Jackson serializer, found " + general.getClass());
        }
        ObjectMapper fieldsOnly = jackson.getObjectMapper().copy()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        return JacksonSerializer.builder().objectMapper(fieldsOnly).build();
    }

    /** Axon's JPA token store, writing the positions of processors that only skip events at most once a second. */
    @Bean
    TokenStore tokenStore(@Qualifier("serializer") Serializer serializer, EntityManagerProvider entityManagerProvider,
                          TokenStoreProperties properties, ProcessorProperties processors, SegmentClaims claims) {
        return new SkippedEventsTokenStore(JpaTokenStore.builder()
                .entityManagerProvider(entityManagerProvider)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .build(), processors.skippedPositionEvery(), claims);
    }

    /** Who wants to hear that this process claimed a segment (the saga forgets its cached states). */
    @Bean
    SegmentClaims segmentClaims() {
        return new SegmentClaims();
    }

    /** Spreads the processors' segments over the instances that run them. */
    @Bean
    SegmentBalancer segmentBalancer(EventProcessingConfiguration processing, TokenStore tokenStore,
                                    TransactionManager transactionManager, RedissonClient redisson, Clock clock,
                                    ProcessorProperties processors) {
        return new SegmentBalancer(processing, tokenStore, transactionManager, redisson, clock,
                processors.balanceEvery(), processors.releaseFor());
    }

    /**
     * The event store as the order's steps read it (the saga, the payment processor), with their linger. Axon's Spring
     * Boot configuration hands a processor configured in {@code application.yml} without a {@code source} the plain
     * event store, which lingers for nobody: each such processor names this bean as its source.
     */
    @Bean(STEP_EVENT_SOURCE)
    EventStoreSource stepEventSource(EventStore eventStore, ProcessorProperties processors) {
        return new EventStoreSource(eventStore, processors.linger());
    }

    /**
     * A processing group that no configuration names gets a tracking processor that reads with the followers' linger
     * (every processor today is named: the saga and the payment processor in {@code application.yml} with
     * {@link #STEP_EVENT_SOURCE}, the views with the query source, the Kafka publisher by {@code KafkaConfiguration}).
     */
    @Autowired
    void lingeringEventSource(EventProcessingConfigurer processing, ProcessorProperties processors) {
        processing.configureDefaultStreamableMessageSource(
                configuration -> new EventStoreSource(configuration.eventStore(), processors.followersLinger()));
    }

    @Bean(destroyMethod = "close")
    GroupCommit groupCommit(CommandBus commandBus, TransactionManager transactionManager, DataSource dataSource,
                            JdbcTemplate jdbc, GroupCommitProperties properties) {
        return new GroupCommit(commandBus, transactionManager, dataSource, properties.writers(), properties.maxBatch(),
                properties.linger(), properties.clientWait(), onDisk(jdbc), properties.checkpointEvery());
    }

    /**
     * H2 writes its commits to disk in the background (WRITE_DELAY), so what a client waits for is checkpointed
     * before the answer; the work the application does on its own reaches the disk within the delay and, after a
     * crash, is done again (every step is idempotent). Other databases' commits are durable as they return: null.
     */
    static Runnable onDisk(JdbcTemplate jdbc) {
        String database = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        return "H2".equals(database) ? () -> jdbc.execute("CHECKPOINT") : null;
    }

    @Autowired
    void validateCommandsOnDispatch(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new BeanValidationInterceptor<>());
    }

    /**
     * Commands that failed for a passing reason (a lock conflict, a concurrent append to the same aggregate) are sent
     * again, with backoff; every step command is idempotent per order, so a retry is safe. Business refusals are never
     * retried. Axon's gateway does not retry a deadlock inside a unit of work (the retry would wait for locks that
     * unit of work holds): that failure goes back to the sender, which must roll its unit of work back (the saga does).
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, MeterRegistry meters) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new CountingRetryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(retryExecutor())
                        .backoffFactor(20)
                        .maxRetryCount(10)
                        .nonTransientFailurePredicate(failure -> !isTransient(failure) || lostInsideUnitOfWork(failure))
                        .build(), meters))
                .build();
    }

    /**
     * A lock conflict met by a command sent inside a unit of work: that unit of work holds locks (and, when the
     * database chose it as a deadlock's loser, a transaction that is aborted), so a retry would either wait on itself or
     * run in a dead transaction. It goes back to the sender, as Axon's gateway does with its own deadlock.
     */
    static boolean lostInsideUnitOfWork(Throwable failure) {
        return CurrentUnitOfWork.isStarted() && LockConflicts.isLockConflict(failure);
    }

    static boolean isTransient(Throwable failure) {
        if (LockConflicts.isLockConflict(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AxonTransientException) {
                return true;
            }
        }
        return false;
    }

    private static ScheduledExecutorService retryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }
}
