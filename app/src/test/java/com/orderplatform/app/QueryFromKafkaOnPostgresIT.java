package com.orderplatform.app;

import com.orderplatform.app.support.OwnPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The views fed from Kafka of {@link QueryFromKafkaIT}, their tokens on a real PostgreSQL. */
class QueryFromKafkaOnPostgresIT extends QueryFromKafkaIT {

    @RegisterExtension
    static final OwnPostgres POSTGRES = OwnPostgres.perClass();

    @Override
    Map<String, Object> database() {
        return POSTGRES.settings();
    }
}
