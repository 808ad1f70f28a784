package com.orderplatform.command.placement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.infra.axon.GroupCommit;
import com.orderplatform.infra.idempotency.IdempotencyStore;
import com.orderplatform.infra.idempotency.InFlightClaims;
import com.orderplatform.infra.idempotency.SelfManagedIdempotency;
import com.orderplatform.infra.ids.IdGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

@Configuration(proxyBeanMethods = false)
@Import(PlacementController.class)
public class PlacementConfiguration {

    @Bean
    OrderPlacement orderPlacement(Catalogue catalogue, StockAdmission stock, GroupCommit commits, IdGenerator ids,
                                  InFlightClaims claims, IdempotencyStore records) {
        // Group commit: the order shares its transaction and its disk write with the placements arriving with it.
        OrderStore orders = commits::sendAndWait;
        return new OrderPlacement(catalogue, stock, orders, ids, claims, records);
    }

    /** Placement records its Idempotency-Key with the order it creates, not through the generic filter. */
    @Bean
    SelfManagedIdempotency placementKeys() {
        return new SelfManagedIdempotency("POST", "/api/orders");
    }

    /** Right after the security chain (authentication, the rate limit), before Spring MVC. */
    @Bean
    FilterRegistrationBean<SoldOutFilter> soldOutFilter(OrderPlacement placement,
                                                        MappingJackson2HttpMessageConverter controllerJson,
                                                        ObjectMapper json, Validator validator, MeterRegistry meters) {
        var registration = new FilterRegistrationBean<>(new SoldOutFilter(placement, controllerJson.getObjectMapper(),
                json, validator, PlacementController.outcome(meters, "sold_out")));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
