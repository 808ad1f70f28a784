package com.orderplatform.app;

import com.orderplatform.app.support.OwnPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PaymentTimeoutIT}, every test of it, on a real PostgreSQL of its own per test. */
class PaymentTimeoutOnPostgresIT extends PaymentTimeoutIT {

    @RegisterExtension
    static final OwnPostgres POSTGRES = OwnPostgres.perTest();

    @Override
    Map<String, Object> database() {
        return POSTGRES.settings();
    }
}
