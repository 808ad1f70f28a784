package com.orderplatform.saga;

import com.orderplatform.infra.roles.ConditionalOnRole;
import com.orderplatform.infra.roles.Role;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The saga role: the order saga, its persistent deadlines (db-scheduler) and its operator tools. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.SAGA)
@EnableConfigurationProperties(OrderSagaProperties.class)
@Import(OrderSaga.class)
public class SagaConfiguration {
}
