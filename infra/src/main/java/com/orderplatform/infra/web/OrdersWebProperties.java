package com.orderplatform.infra.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code maxBodySize}: a larger request body is refused with {@code 413} before it is read. */
@ConfigurationProperties("orders.web")
public record OrdersWebProperties(@DefaultValue("64KB") DataSize maxBodySize) {
}
