package com.orderplatform.app.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

public final class Orders {

    private Orders() {
    }

    public static JsonNode awaitTerminal(RunningApp app, String token, String orderId, Duration within) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        // No delay before the first look: callers check hundreds of orders in a row, most of them already ended.
        await().atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
            RunningApp.Response response = app.get("/api/orders/" + orderId, token);
            if (response.status() != 200) {
                return false;
            }
            last.set(response.json());
            String status = response.json().get("status").asText();
            return status.equals("PAID") || status.equals("CANCELLED") || status.equals("COMPLETED");
        });
        return last.get();
    }

    public static JsonNode product(RunningApp app, String sku) {
        return app.get("/api/products/" + sku, app.admin()).json();
    }
}
