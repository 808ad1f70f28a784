package com.orderplatform.command.catalog;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = CatalogRepository.class)
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogConfiguration {

    @Bean
    Catalog catalog(CatalogRepository table, CatalogProperties properties) {
        return new Catalog(table, properties.refreshAfter());
    }

    @Bean
    CatalogProjector catalogProjector(CatalogRepository table, Catalog catalog) {
        return new CatalogProjector(table, catalog);
    }
}
