package com.orderplatform.command.catalog;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = CatalogRepository.class)
public class CatalogConfiguration {

    @Bean
    Catalog catalog(CatalogRepository table, @Value("${orders.catalog.refresh-after:1s}") Duration refreshAfter) {
        return new Catalog(table, refreshAfter);
    }

    @Bean
    CatalogProjector catalogProjector(CatalogRepository table, Catalog catalog) {
        return new CatalogProjector(table, catalog);
    }
}
