package com.orderplatform.app;

import com.orderplatform.app.support.OwnPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every flash sale of {@link FlashSaleIT} on a real PostgreSQL. */
class FlashSaleOnPostgresIT extends FlashSaleIT {

    @RegisterExtension
    static final OwnPostgres POSTGRES = OwnPostgres.perClass();

    @Override
    Map<String, Object> database() {
        return POSTGRES.settings();
    }
}
