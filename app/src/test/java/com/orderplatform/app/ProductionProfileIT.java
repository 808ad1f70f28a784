package com.orderplatform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.app.support.RunningApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductionProfileIT {

    @TempDir
    Path dataDir;

    @Test
    void outsideTheLocalProfileThereIsNoTokenMinting() {
        try (RunningApp app = RunningApp.start(dataDir, Map.of("spring.profiles.active", "prod",
                "orders.security.jwt-secret", "a-production-secret-of-at-least-32-bytes",
                "orders.redis.embedded", "true"))) {
            RunningApp.Response response = app.post("/api/dev/tokens", null,
                    Map.of("userId", "intruder", "roles", List.of("ADMIN")));

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("NOT_FOUND");
        }
    }
}
