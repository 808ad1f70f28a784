package com.orderplatform.command.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.command.CommandProperties;
import com.orderplatform.infra.axon.AggregateLocks;
import com.orderplatform.infra.axon.BoundedCache;
import com.orderplatform.infra.axon.GroupCommit;
import com.orderplatform.infra.metrics.BreakerGauge;
import com.orderplatform.infra.ops.OperatorActions;
import com.orderplatform.provider.PaymentProviderSimulator;
import com.orderplatform.provider.ProviderOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PaymentProperties.class, PaymentProviderProperties.class,
        SimulatedProviderProperties.class})
@Import({Payment.class, DevPaymentProviderController.class, PaymentWebhookController.class,
        PaymentReconciliationController.class})
public class PaymentConfiguration {

    /** The local default's provider: the project's simulator, in this process but reached over HTTP on its own port. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("orders.payment.provider.embedded.enabled")
    PaymentProviderSimulator embeddedPaymentProvider(PaymentProviderProperties provider,
                                                     SimulatedProviderProperties cards) throws IOException {
        return PaymentProviderSimulator.start(new ProviderOptions(provider.embedded().port(),
                provider.embedded().dataDir(), provider.apiKey(), provider.webhookSecret(), cards.latency(),
                cards.slowLatency(), cards.failureRate()));
    }

    @Bean
    HttpPaymentGateway httpPaymentGateway(PaymentProviderProperties properties, ObjectMapper json,
                                          Optional<PaymentProviderSimulator> embedded) {
        URI base = embedded.map(simulator -> URI.create("http://127.0.0.1:" + simulator.port()))
                .orElse(properties.url());
        return new HttpPaymentGateway(() -> base, properties, json);
    }

    @Bean
    WebhookVerifier webhookVerifier(PaymentProviderProperties properties, Clock clock) {
        return new WebhookVerifier(properties.webhookSecret(), properties.webhookTolerance(), clock);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("orders.payment.provider.register-webhook")
    WebhookRegistration webhookRegistration(HttpPaymentGateway provider, PaymentProviderProperties properties) {
        return new WebhookRegistration(provider, properties.webhookUrl());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    PaymentReconciliation paymentReconciliation(HttpPaymentGateway provider, EventStore events, GroupCommit commits,
                                                OperatorActions actions, MeterRegistry meters, Clock clock,
                                                PaymentProperties properties) {
        return new PaymentReconciliation(provider, events, commits, actions, meters, clock,
                properties.reconciliation());
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
    CircuitBreakingPaymentGateway circuitBreakingPaymentGateway(HttpPaymentGateway provider,
                                                                PaymentProperties properties, MeterRegistry meters) {
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
    RecordedOutcomes recordedOutcomes() {
        return new RecordedOutcomes();
    }

    @Bean
    PaymentProcessor paymentProcessor(CircuitBreakingPaymentGateway provider, GroupCommit commits,
                                      PaymentProperties properties, ExecutorService paymentRetries,
                                      ParkedPayments parked, RecordedOutcomes recorded) {
        return new PaymentProcessor(provider, commits, properties.timeout(), paymentRetries, parked, recorded);
    }
}
