package com.orderplatform.query;

import com.orderplatform.infra.roles.ConditionalOnRole;
import com.orderplatform.infra.roles.Role;
import com.orderplatform.query.order.OrderQueryConfiguration;
import com.orderplatform.query.product.ProductQueryConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The query role: projections, query handlers and the read endpoints. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.QUERY)
@Import({OrderQueryConfiguration.class, ProductQueryConfiguration.class})
public class QuerySideConfiguration {
}
