package com.orderplatform.app;

import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;

/** {@link KafkaPublishingIT} on a real PostgreSQL: the publisher reads the events from PostgreSQL's event store. */
class KafkaPublishingOnPostgresIT extends KafkaPublishingIT {

    @Override
    RunningApp app() {
        return SharedApp.onPostgres();
    }
}
