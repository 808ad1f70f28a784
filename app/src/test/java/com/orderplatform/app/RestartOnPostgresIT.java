package com.orderplatform.app;

import com.orderplatform.app.support.RealPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link RestartIT} on a real PostgreSQL: the same database is there again when the application restarts. */
class RestartOnPostgresIT extends RestartIT {

    private static RealPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = RealPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    Map<String, Object> database() {
        return postgres.settings();
    }
}
