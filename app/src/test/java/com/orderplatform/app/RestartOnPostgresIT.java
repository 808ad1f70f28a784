package com.orderplatform.app;

import com.orderplatform.app.support.OwnPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RestartIT} on a real PostgreSQL: the same database is there again when the application restarts. */
class RestartOnPostgresIT extends RestartIT {

    @RegisterExtension
    static final OwnPostgres POSTGRES = OwnPostgres.perClass();

    @Override
    Map<String, Object> database() {
        return POSTGRES.settings();
    }
}
