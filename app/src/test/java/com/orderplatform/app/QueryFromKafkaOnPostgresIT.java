package com.orderplatform.app;

import com.orderplatform.app.support.RealPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The views fed from Kafka of {@link QueryFromKafkaIT}, their tokens on a real PostgreSQL. */
class QueryFromKafkaOnPostgresIT extends QueryFromKafkaIT {

    private RealPostgres postgres;

    @Override
    Map<String, Object> database() {
        postgres = RealPostgres.start();
        return postgres.settings();
    }

    /** Annotated again: an overriding method is not a lifecycle method by inheritance, and would never run. */
    @Override
    @AfterAll
    void stop() {
        super.stop();
        postgres.close();
    }
}
