package com.orderplatform.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cachedOrders}: orders, and payments, kept in memory between the saga's commands instead of being read back
 * from the event store (least recently used leave first) — one cache of this size for each.
 */
@ConfigurationProperties("orders.command")
public record CommandProperties(@DefaultValue("20000") int cachedOrders) {
}
