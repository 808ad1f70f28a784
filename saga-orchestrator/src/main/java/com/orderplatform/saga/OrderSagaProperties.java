package com.orderplatform.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("orders.saga")
public record OrderSagaProperties(@DefaultValue("5s") Duration paymentTimeout) {
}
