package com.orderplatform.command.placement;

import com.orderplatform.infra.axon.GroupCommit;
import com.orderplatform.infra.idempotency.IdempotencyStore;
import com.orderplatform.infra.idempotency.InFlightClaims;
import com.orderplatform.infra.idempotency.SelfManagedIdempotency;
import com.orderplatform.infra.ids.IdGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

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
}
