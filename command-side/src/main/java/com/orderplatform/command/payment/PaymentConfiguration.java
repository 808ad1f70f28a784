package com.orderplatform.command.payment;

import com.orderplatform.command.CommandProperties;
import com.orderplatform.infra.axon.BoundedCache;
import com.orderplatform.infra.axon.GroupCommit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.common.caching.Cache;
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
    Cache paymentCache(CommandProperties properties) {
        return new BoundedCache(properties.cachedOrders());
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

    @Bean
    PaymentProcessor paymentProcessor(PaymentGateway gateway, GroupCommit commits, PaymentProperties properties,
                                      ExecutorService paymentRetries) {
        return new PaymentProcessor(gateway, commits, properties.timeout(), paymentRetries);
    }
}
