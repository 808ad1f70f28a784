package com.orderplatform.app;

import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;

/** {@link PaymentWebhookIT}, every test of it, on a real PostgreSQL. */
class PaymentWebhookOnPostgresIT extends PaymentWebhookIT {

    @Override
    RunningApp app() {
        return SharedApp.onPostgres();
    }
}
