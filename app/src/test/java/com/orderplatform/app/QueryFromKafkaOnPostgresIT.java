package com.orderplatform.app;

import com.orderplatform.app.support.RealPostgres;
import java.util.Map;

/** The views fed from Kafka of {@link QueryFromKafkaIT}, their tokens on a real PostgreSQL. */
class QueryFromKafkaOnPostgresIT extends QueryFromKafkaIT {

    private RealPostgres postgres;

    @Override
    Map<String, Object> database() {
        postgres = RealPostgres.start();
        return postgres.settings();
    }

    @Override
    void stop() {
        super.stop();
        postgres.close();
    }
}
