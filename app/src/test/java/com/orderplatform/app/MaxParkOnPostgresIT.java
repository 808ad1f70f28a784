package com.orderplatform.app;

import com.orderplatform.app.support.OwnPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MaxParkIT} on a real PostgreSQL. */
class MaxParkOnPostgresIT extends MaxParkIT {

    @RegisterExtension
    static final OwnPostgres POSTGRES = OwnPostgres.perClass();

    @Override
    Map<String, Object> database() {
        return POSTGRES.settings();
    }
}
