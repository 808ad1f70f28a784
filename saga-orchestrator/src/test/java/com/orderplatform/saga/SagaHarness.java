package com.orderplatform.saga;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.test.utils.RecordingCommandBus;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The order saga on a real database (H2, with the application's own migrations), fed events the way its tracking
 * processor feeds them — a batch in one unit of work and one transaction — with the commands it sends recorded.
 */
final class SagaHarness {

    private static final String[] MIGRATIONS = {"filesystem:../app/src/main/resources/db/migration/common",
        "filesystem:../app/src/main/resources/db/migration/h2"};

    final JdbcTemplate jdbc;
    final RecordingCommandBus commandBus = new RecordingCommandBus();
    final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final OrderSagaStore store;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** The SKU ledgers' locks as on H2 (Axon's own), which the saga's batches take first. */
    final LockFactory skuLocks = PessimisticLockFactory.usingDefaults();
    private final TransactionManager transactions;
    private final AnnotationEventHandlerAdapter saga;
    private final StockLocksFirst stockLocksFirst;
    private final CommandGateway commands;

    private final DataSource dataSource;

    SagaHarness() {
        this(migrated(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")));
    }

    private static DataSource migrated(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
        return dataSource;
    }

    /** The saga of a second instance: its own store (and cached copies) over this one's database. */
    SagaHarness otherInstance() {
        return new SagaHarness(dataSource);
    }

    private SagaHarness(DataSource dataSource) {
        this.dataSource = dataSource;
        jdbc = new JdbcTemplate(dataSource);
        transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
        store = new OrderSagaStore(jdbc, clock);
        saga = new AnnotationEventHandlerAdapter(new OrderSaga(store, commands, new SagaMetrics(jdbc, clock, meters)));
        stockLocksFirst = new StockLocksFirst(store, skuLocks);
    }

    /**
     * Handles the events as one batch, through the saga's handler interceptor; a failure rolls the whole batch back
     * and is thrown.
     */
    SagaHarness batch(Object... events) {
        List<EventMessage<?>> messages = Arrays.stream(events)
                .<EventMessage<?>>map(GenericEventMessage::asEventMessage).toList();
        UnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        unitOfWork.attachTransaction(transactions);
        var result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.<MessageHandlerInterceptor<? super EventMessage<?>>>of(stockLocksFirst), saga::handle).proceed());
        if (result.isExceptional()) {
            throw new IllegalStateException(result.exceptionResult());
        }
        return this;
    }

    /** Each event in a batch of its own, as a processor that is not behind would handle them. */
    SagaHarness events(Object... events) {
        for (Object event : events) {
            batch(event);
        }
        return this;
    }

    ChargeDeadlineSweep sweep(Duration chargeDeadline) {
        return new ChargeDeadlineSweep(store, commands, new OrderSagaProperties(chargeDeadline, Duration.ofSeconds(10), Duration.ofMinutes(10), 50,
                Duration.ofSeconds(5)),
                clock);
    }

    /** Forgets the commands sent so far. */
    void clearCommands() {
        commandBus.clearCommands();
    }

    List<Object> commands() {
        return commandBus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList();
    }

    Map<String, Object> row(String orderId) {
        return jdbc.queryForMap("select * from order_saga where order_id = ?", orderId);
    }

    static final class SettableClock extends Clock {

        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
