package com.orderplatform.saga;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.orderplatform.infra.axon.AggregateLocks;
import com.orderplatform.infra.axon.SegmentClaims;
import com.orderplatform.infra.ops.OperatorActions;
import com.orderplatform.infra.roles.ConditionalOnRole;
import com.orderplatform.infra.roles.Role;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** The saga role: the order saga, its state table and its persistent charge deadline. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.SAGA)
@EnableConfigurationProperties(OrderSagaProperties.class)
@Import(SagaAdminController.class)
public class SagaConfiguration {

    @Bean
    OrderSagaStore orderSagaStore(JdbcTemplate jdbc, Clock clock, SegmentClaims claims) {
        OrderSagaStore store = new OrderSagaStore(jdbc, clock);
        claims.onClaim(OrderSaga.PROCESSING_GROUP, store::forgetCached);
        return store;
    }

    @Bean
    OrderSaga orderSaga(OrderSagaStore store, CommandGateway commands, SagaMetrics metrics) {
        return new OrderSaga(store, commands, metrics);
    }

    @Bean
    SagaMetrics sagaMetrics(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        return new SagaMetrics(jdbc, clock, meters);
    }

    @Bean
    OrderEvents orderEvents(EventStore events) {
        return new OrderEvents(events);
    }

    @Bean
    SagaOperations sagaOperations(OrderSagaStore store, CommandGateway commands, OperatorActions actions,
                                  Clock clock, SagaMetrics metrics, OrderSagaProperties properties) {
        return new SagaOperations(store, commands, actions, clock, metrics, properties.redriveWait());
    }

    /**
     * The saga's sequencing policy, named by {@code axon.eventhandling.processors.order-saga.sequencing-policy}. Set
     * through that property: Axon's Spring Boot configuration registers the policy of every processor it configures
     * and replaced one registered in code with its default (by aggregate), which split an order's events over the
     * segments (its payment's and SKU's events went by their own aggregate).
     */
    @Bean
    SequencingPolicy<EventMessage<?>> orderIdSequencingPolicy() {
        return new OrderIdSequencingPolicy();
    }

    /**
     * What a saga handler throws goes to the processor, which rolls the batch back and does it again (Axon's default
     * would log it and go on, and the order would wait forever for the step it skipped). A lock conflict is thrown so;
     * anything else thrown holds the segment up, retried with Axon's backoff, until it passes or an operator steps in:
     * a saga never skips an event.
     */
    @Autowired
    void propagateSagaFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(OrderSaga.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * Every batch of the saga takes its SKUs' ledger locks first, in one order ({@link StockLocksFirst}), so that
     * several segments wait for each other instead of deadlocking. The ledger's locks are the command role's; in a
     * process without it (whose saga's commands would find no handler here) the batches lock among themselves only.
     * Looked up when the processor is built, not now: the store is a bean of this configuration.
     */
    @Autowired
    void lockStockFirst(EventProcessingConfigurer processing, ObjectProvider<OrderSagaStore> store,
                        @Qualifier(AggregateLocks.SKU_LOCKS) ObjectProvider<LockFactory> skuLocks) {
        processing.registerHandlerInterceptor(OrderSaga.PROCESSING_GROUP, configuration -> new StockLocksFirst(
                store.getObject(), skuLocks.getIfAvailable(PessimisticLockFactory::usingDefaults)));
    }

    @Bean
    ChargeDeadlineSweep chargeDeadlineSweep(OrderSagaStore store, CommandGateway commands,
                                            OrderSagaProperties properties, Clock clock) {
        return new ChargeDeadlineSweep(store, commands, properties, clock);
    }

    @Bean
    RecurringTask<Void> chargeDeadlineTask(ChargeDeadlineSweep sweep, OrderSagaProperties properties) {
        return Tasks.recurring("order-saga-charge-deadline", FixedDelay.of(properties.sweepEvery()))
                .execute((instance, context) -> sweep.sweep());
    }
}
