package com.orderplatform.query.order;

import com.orderplatform.infra.axon.ViewUpdates;
import java.time.Clock;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = OrderViewRepository.class)
@Import({OrderQueryController.class, DashboardController.class, DashboardPageController.class})
public class OrderQueryConfiguration {

    @Bean
    DashboardQueries dashboardQueries(JdbcTemplate jdbc, Clock clock) {
        return new DashboardQueries(jdbc, clock);
    }

    @Bean
    OrderProjection orderProjection(OrderViewRepository orders, QueryUpdateEmitter updates, ViewUpdates changes) {
        return new OrderProjection(orders, updates, changes);
    }
}
