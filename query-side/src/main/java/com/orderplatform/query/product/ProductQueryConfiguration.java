package com.orderplatform.query.product;

import com.orderplatform.infra.axon.ViewUpdates;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = ProductViewRepository.class)
@Import(ProductQueryController.class)
public class ProductQueryConfiguration {

    @Bean
    ProductProjection productProjection(ProductViewRepository products, ViewUpdates changes) {
        return new ProductProjection(products, changes);
    }
}
