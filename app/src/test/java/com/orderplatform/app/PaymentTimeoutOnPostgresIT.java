package com.orderplatform.app;

import com.orderplatform.app.support.RealPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** {@link PaymentTimeoutIT}, every test of it, on a real PostgreSQL of its own per test. */
class PaymentTimeoutOnPostgresIT extends PaymentTimeoutIT {

    private RealPostgres postgres;

    @Override
    Map<String, Object> database() {
        postgres = RealPostgres.start();
        return postgres.settings();
    }

    @AfterEach
    void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
