package com.orderplatform.app;

import com.orderplatform.app.support.OwnPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KafkaOutageIT}, every test of it, on a real PostgreSQL of its own per test. */
class KafkaOutageOnPostgresIT extends KafkaOutageIT {

    @RegisterExtension
    static final OwnPostgres POSTGRES = OwnPostgres.perTest();

    @Override
    Map<String, Object> database() {
        return POSTGRES.settings();
    }
}
