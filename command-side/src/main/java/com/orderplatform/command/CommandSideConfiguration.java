package com.orderplatform.command;

import com.orderplatform.command.catalog.CatalogConfiguration;
import com.orderplatform.command.inventory.InventoryConfiguration;
import com.orderplatform.command.order.OrderConfiguration;
import com.orderplatform.command.payment.PaymentConfiguration;
import com.orderplatform.command.placement.PlacementConfiguration;
import com.orderplatform.infra.roles.ConditionalOnRole;
import com.orderplatform.infra.roles.Role;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The command role: order placement, the aggregates and their handlers, the catalogue, the payment gateway and the
 * command endpoints.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandProperties.class)
@ConditionalOnRole(Role.COMMAND)
@Import({PlacementConfiguration.class, OrderConfiguration.class, CatalogConfiguration.class, InventoryConfiguration.class,
        PaymentConfiguration.class})
public class CommandSideConfiguration {
}
