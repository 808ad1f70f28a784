package com.orderplatform.command.payment;

import com.orderplatform.command.CommandProperties;
import com.orderplatform.infra.axon.AggregateLocks;
import com.orderplatform.infra.axon.BoundedCache;
import com.orderplatform.infra.axon.GroupCommit;
import com.orderplatform.infra.metrics.BreakerGauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PaymentProperties.class, SimulatedPaymentGatewayProperties.class})
@Import({Payment.class, DevPaymentProviderController.class})
public class PaymentConfiguration {

    @Bean
    @ConditionalOnMissingBean(PaymentGateway.class)
    SimulatedPaymentGateway simulatedPaymentGateway(SimulatedPaymentGatewayProperties properties, Clock clock) {
        return new SimulatedPaymentGateway(properties, clock);
    }

    /** Payments stay in memory between the request for a charge and the provider's answer. */
    @Bean
    BoundedCache paymentCache(CommandProperties properties) {
        return new BoundedCache(properties.cachedOrders());
    }

    /** Locks the aggregate while a command changes it; across processes on PostgreSQL ({@link AggregateLocks}). */
    @Bean
    LockFactory paymentLocks(JdbcTemplate jdbc, EventStorageEngine events, @Qualifier("paymentCache") BoundedCache cache) {
        return AggregateLocks.forDatabase(jdbc, events, cache);
    }

    /** Provider calls tried again after a failure start here, after their pause. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService paymentRetries() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "payment-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Every call to the provider goes through its circuit breaker. */
    @Bean
    CircuitBreakingPaymentGateway circuitBreakingPaymentGateway(PaymentGateway provider, PaymentProperties properties,
                                                                MeterRegistry meters) {
        CircuitBreakingPaymentGateway gateway = new CircuitBreakingPaymentGateway(provider, properties.breaker());
        BreakerGauge.register(meters, gateway.breaker());
        return gateway;
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ParkedPayments parkedPayments(JdbcTemplate jdbc, GroupCommit commits, CircuitBreakingPaymentGateway provider,
                                  Clock clock, PaymentProperties properties) {
        return new ParkedPayments(jdbc, commits, provider, clock, properties.resumePerSecond());
    }

    @Bean
    PaymentProcessor paymentProcessor(CircuitBreakingPaymentGateway provider, GroupCommit commits,
                                      PaymentProperties properties, ExecutorService paymentRetries,
                                      ParkedPayments parked) {
        return new PaymentProcessor(provider, commits, properties.timeout(), paymentRetries, parked);
    }
}
