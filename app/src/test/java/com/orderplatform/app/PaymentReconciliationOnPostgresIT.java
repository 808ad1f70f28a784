package com.orderplatform.app;

import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;

/** {@link PaymentReconciliationIT}, every test of it, on a real PostgreSQL. */
class PaymentReconciliationOnPostgresIT extends PaymentReconciliationIT {

    @Override
    RunningApp app() {
        return SharedApp.onPostgres();
    }
}
