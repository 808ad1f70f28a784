package com.orderplatform.infra.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderRoutesTest {

    private final SnowflakeIdGenerator ids = new SnowflakeIdGenerator(NodeLease.held(9), Clock.systemUTC(), 5);

    @Test
    void anOrderIdTellsTheRouteOfTheSkuItWasIssuedFor() {
        for (String sku : List.of("SKU-1", "SKU-2", "PHONE-X", "a", "FLASH-2026-12-08")) {
            int route = OrderRoutes.ofSku(sku);
            for (int i = 0; i < 50; i++) {
                assertThat(OrderRoutes.ofOrderId(Long.toString(ids.nextId(route)))).isEqualTo(route);
            }
        }
    }

    @Test
    void anOrderOfSeveralSkusTakesItsFirstSkusRouteWhateverTheOrderOfItsLines() {
        assertThat(OrderRoutes.ofSkus(List.of("SKU-6", "SKU-2"))).isEqualTo(OrderRoutes.ofSku("SKU-2"));
        assertThat(OrderRoutes.ofSkus(List.of("SKU-2", "SKU-6"))).isEqualTo(OrderRoutes.ofSku("SKU-2"));
        assertThat(OrderRoutes.ofSkus(Set.of("SKU-2"))).isEqualTo(OrderRoutes.ofSku("SKU-2"));
    }

    @Test
    void skusNamedAlikeSpreadOverTheRoutes() {
        Set<Integer> routes = new HashSet<>();
        for (int n = 1; n <= 64; n++) {
            int route = OrderRoutes.ofSku("SKU-" + n);
            assertThat(route).isBetween(0, SnowflakeIdGenerator.ROUTES - 1);
            routes.add(route);
        }
        // 64 SKUs over 16 routes: with a fair spread all but a few routes are used (expected empty: 16 × (15/16)^64).
        assertThat(routes).hasSizeGreaterThanOrEqualTo(14);
    }

    @Test
    void anyOtherOrderIdHasAFixedRouteToo() {
        for (String orderId : List.of("order-1", "", "12345678901234567890123", "-5", "42")) {
            int route = OrderRoutes.ofOrderId(orderId);
            assertThat(route).isBetween(0, SnowflakeIdGenerator.ROUTES - 1);
            assertThat(OrderRoutes.ofOrderId(new String(orderId))).isEqualTo(route);
        }
        assertThat(OrderRoutes.ofOrderId("42")).isEqualTo(42 % SnowflakeIdGenerator.ROUTES);
    }
}
