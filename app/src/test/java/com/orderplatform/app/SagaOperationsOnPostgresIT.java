package com.orderplatform.app;

import com.orderplatform.app.support.SharedApp;
import org.junit.jupiter.api.BeforeAll;

/** {@link SagaOperationsIT}, every test of it, on a real PostgreSQL: the incident tools on the production database. */
class SagaOperationsOnPostgresIT extends SagaOperationsIT {

    @BeforeAll
    static void start() {
        app = SharedApp.onPostgres();
        admin = app.admin();
    }
}
