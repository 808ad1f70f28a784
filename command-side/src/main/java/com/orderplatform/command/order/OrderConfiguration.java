package com.orderplatform.command.order;

import com.orderplatform.command.CommandProperties;
import com.orderplatform.command.inventory.StockLedger;
import com.orderplatform.infra.axon.BoundedCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

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
    Cache orderCache(CommandProperties properties) {
        return new BoundedCache(properties.cachedOrders());
    }
}
