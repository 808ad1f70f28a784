package com.orderplatform.command.order;

import com.orderplatform.command.inventory.CatalogRepository;
import com.orderplatform.command.inventory.GateKeeper;
import com.orderplatform.infra.ids.IdGenerator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import({Order.class, OrderController.class})
public class OrderConfiguration {

    @Bean
    OrderPlacement orderPlacement(CatalogRepository catalog, IdGenerator ids, GateKeeper gate,
                                  CommandGateway commands) {
        return new OrderPlacement(catalog::findById, ids, gate, commands);
    }
}
