package com.orderplatform.app.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/** The simulated payment provider's local-profile controls, its own record, and its circuit breaker as seen outside. */
public final class PaymentProvider {

    private PaymentProvider() {
    }

    public static RunningApp.Response set(RunningApp app, String mode) {
        return app.put("/api/dev/payment-provider", app.admin(), Map.of("mode", mode));
    }

    public static RunningApp.Response slow(RunningApp app, Duration latency) {
        return app.put("/api/dev/payment-provider", app.admin(), Map.of("mode", "SLOW", "latencyMs", latency.toMillis()));
    }

    /** What the provider itself holds for the order: {@code calls}, {@code charges}, {@code refunds}. */
    public static JsonNode record(RunningApp app, String orderId) {
        return app.get("/api/dev/payment-provider/charges?orderId=" + orderId, app.admin()).json();
    }

    /**
     * Returns once the breaker in front of the provider is closed (metric {@code orders.breaker.state} 0). An outage
     * rehearsed by an earlier test may have left it open or half open — then a charge parks instead of reaching the
     * provider — and a half-open breaker closes only after calls went through, so probe orders are placed until it
     * is closed.
     */
    public static void awaitBreakerClosed(RunningApp app) {
        String probe = "BREAKER-PROBE";
        if (app.get("/api/products/" + probe, app.admin()).status() == 404) {
            app.defineProduct(probe, 100, 1_000_000, 0);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (breakerState(app) == 0) {
                return true;
            }
            Orders.awaitTerminal(app, app.admin(), app.placeOrderId(app.customer("breaker-probe"), "tok_ok", probe, 1),
                    Duration.ofSeconds(20));
            return breakerState(app) == 0;
        });
    }

    private static double breakerState(RunningApp app) {
        RunningApp.Response state = app.get("/actuator/metrics/orders.breaker.state?tag=breaker:payment-provider",
                app.admin());
        if (state.status() != 200) {
            throw new IllegalStateException("no breaker metric: " + state);
        }
        return state.json().get("measurements").get(0).get("value").asDouble();
    }
}
