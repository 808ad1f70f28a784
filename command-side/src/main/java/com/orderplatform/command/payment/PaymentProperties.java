package com.orderplatform.command.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code timeout}: how long the provider has to answer a charge, counted from our call to it; then the charge is
 * recorded as expired and the order is cancelled (a later approval is refunded).
 */
@ConfigurationProperties("orders.payment")
public record PaymentProperties(@DefaultValue("5s") Duration timeout) {
}
