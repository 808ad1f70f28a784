package com.orderplatform.app;

import com.orderplatform.app.support.RealPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** {@link MaxParkIT} on a real PostgreSQL. */
class MaxParkOnPostgresIT extends MaxParkIT {

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
