package com.orderplatform.command.order;

import com.orderplatform.command.CommandProperties;
import com.orderplatform.command.inventory.StockLedger;
import com.orderplatform.infra.axon.AggregateLocks;
import com.orderplatform.infra.axon.BoundedCache;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@Import({Order.class, OrderController.class})
public class OrderConfiguration {

    @Bean
    OrderConfirmation orderConfirmation(@Lazy @Qualifier("orderRepository") Repository<Order> orders,
                                        StockLedger stock) {
        return new OrderConfirmation(orders, stock::commit);
    }

    /** Orders stay in memory between the saga's commands instead of being read back from the event store. */
    @Bean
    BoundedCache orderCache(CommandProperties properties) {
        return new BoundedCache(properties.cachedOrders());
    }

    /** Locks the aggregate while a command changes it; across processes on PostgreSQL ({@link AggregateLocks}). */
    @Bean
    LockFactory orderLocks(JdbcTemplate jdbc, EventStorageEngine events, @Qualifier("orderCache") BoundedCache cache) {
        return AggregateLocks.forDatabase(jdbc, events, cache);
    }
}
