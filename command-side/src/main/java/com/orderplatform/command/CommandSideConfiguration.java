package com.orderplatform.command;

import com.orderplatform.infra.roles.ConditionalOnRole;
import com.orderplatform.infra.roles.Role;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import com.orderplatform.command.inventory.InventoryConfiguration;
import com.orderplatform.command.order.OrderConfiguration;
import com.orderplatform.command.payment.PaymentConfiguration;

/** The command role: aggregates, their handlers, the payment gateway and the command endpoints. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.COMMAND)
@Import({OrderConfiguration.class, InventoryConfiguration.class, PaymentConfiguration.class})
public class CommandSideConfiguration {
}
