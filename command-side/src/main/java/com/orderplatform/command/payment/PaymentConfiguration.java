package com.orderplatform.command.payment;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import com.orderplatform.infra.axon.BoundedCache;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PaymentProperties.class, SimulatedPaymentGatewayProperties.class})
@Import(Payment.class)
public class PaymentConfiguration {

    @Bean
    @ConditionalOnMissingBean(PaymentGateway.class)
    SimulatedPaymentGateway simulatedPaymentGateway(SimulatedPaymentGatewayProperties properties) {
        return new SimulatedPaymentGateway(properties);
    }

    /** Payments stay in memory between the request for a charge and the provider's answer. */
    @Bean
    Cache paymentCache(@Value("${orders.command.cached-orders:20000}") int capacity) {
        return new BoundedCache(capacity);
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService paymentOutcomes(PaymentProperties properties) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(properties.outcomeThreads(), runnable -> {
            Thread thread = new Thread(runnable, "payment-outcomes-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    PaymentProcessor paymentProcessor(PaymentGateway gateway, CommandGateway commands, PaymentProperties properties,
                                      ExecutorService paymentOutcomes) {
        return new PaymentProcessor(gateway, commands, properties.timeout(), paymentOutcomes);
    }
}
