package com.orderplatform.app;

import com.orderplatform.app.support.SharedApp;
import org.junit.jupiter.api.BeforeAll;

/** The order lifecycle of {@link OrderLifecycleIT}, every test of it, on a real PostgreSQL. */
class OrderLifecycleOnPostgresIT extends OrderLifecycleIT {

    @BeforeAll
    static void startApp() {
        app = SharedApp.onPostgres();
    }
}
