package com.orderplatform.app;

import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;

/** {@link SagaAbortIT}, every test of it, on a real PostgreSQL: the incident tools on the production database. */
class SagaAbortOnPostgresIT extends SagaAbortIT {

    @Override
    RunningApp app() {
        return SharedApp.onPostgres();
    }
}
