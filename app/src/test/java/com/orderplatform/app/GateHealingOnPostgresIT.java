package com.orderplatform.app;

import com.orderplatform.app.support.OwnPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link GateHealingIT} on a real PostgreSQL: the healer asks the production database which orders are stored. */
class GateHealingOnPostgresIT extends GateHealingIT {

    @RegisterExtension
    static final OwnPostgres POSTGRES = OwnPostgres.perClass();

    @Override
    Map<String, Object> database() {
        return POSTGRES.settings();
    }
}
