package com.orderplatform.saga;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.orderplatform.infra.roles.ConditionalOnRole;
import com.orderplatform.infra.roles.Role;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The saga role: the order saga, its persistent deadlines (db-scheduler) and its operator tools. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.SAGA)
@EnableConfigurationProperties(OrderSagaProperties.class)
@Import(OrderSaga.class)
public class SagaConfiguration {

    /**
     * Declared with its concrete type: db-scheduler's deadline task looks the manager up by that type, and may do so
     * at start-up (deadlines that came due while the application was down) before anything else asked for it.
     */
    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration axon,
                                               Serializer serializer, TransactionManager transactionManager) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }
}
