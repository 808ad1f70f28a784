package com.orderplatform.app;

import com.orderplatform.app.support.RealPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** Every flash sale of {@link FlashSaleIT} on a real PostgreSQL. */
class FlashSaleOnPostgresIT extends FlashSaleIT {

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
