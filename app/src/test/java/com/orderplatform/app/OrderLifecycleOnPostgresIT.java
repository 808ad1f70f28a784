package com.orderplatform.app;

import com.orderplatform.app.support.SharedApp;
import org.junit.jupiter.api.BeforeAll;

/**
 * The order lifecycle of {@link OrderLifecycleIT}, every test of it, on a real PostgreSQL. JUnit runs the superclass's
 * {@code startApp} first (the shared H2 application), then this one, whose application the tests use.
 */
class OrderLifecycleOnPostgresIT extends OrderLifecycleIT {

    @BeforeAll
    static void startApp() {
        app = SharedApp.onPostgres();
    }
}
