package com.orderplatform.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** A SKU's units as the product view shows them, and the wait until it shows what a test expects. */
public final class Stock {

    private Stock() {
    }

    public record Units(long available, long reserved, long sold) {

        /** Nothing held for an order still in flight: every unit is either available or sold. */
        public static Units settled(long available, long sold) {
            return new Units(available, 0, sold);
        }
    }

    public static Units units(RunningApp app, String sku) {
        JsonNode view = Orders.product(app, sku);
        assertThat(view.has("available")).as("%s has a product view: %s", sku, view).isTrue();
        return new Units(view.get("available").asLong(), view.get("reserved").asLong(), view.get("sold").asLong());
    }

    /** Waits up to {@code within} until the SKU's view shows exactly {@code expected}; fails with the last it saw. */
    public static void awaitUnits(RunningApp app, String sku, Units expected, Duration within) {
        await().atMost(within).untilAsserted(() -> assertThat(units(app, sku)).as(sku).isEqualTo(expected));
    }
}
