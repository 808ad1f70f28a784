package com.orderplatform.command.payment;

import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulatedPaymentGatewayProperties.class)
@Import(Payment.class)
public class PaymentConfiguration {

    @Bean
    @ConditionalOnMissingBean(PaymentGateway.class)
    PaymentGateway simulatedPaymentGateway(SimulatedPaymentGatewayProperties properties) {
        return new SimulatedPaymentGateway(properties);
    }

    @Bean
    PaymentProcessor paymentProcessor(PaymentGateway gateway, CommandGateway commands,
                                      @Value("${orders.payment.gateway-timeout:3s}") Duration gatewayTimeout) {
        return new PaymentProcessor(gateway, commands, gatewayTimeout);
    }
}
