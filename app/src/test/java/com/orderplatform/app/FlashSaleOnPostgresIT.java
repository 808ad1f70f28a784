package com.orderplatform.app;

import com.orderplatform.app.support.RealPostgres;
import java.util.Map;

/** Every flash sale of {@link FlashSaleIT} on a real PostgreSQL. */
class FlashSaleOnPostgresIT extends FlashSaleIT {

    private RealPostgres postgres;

    @Override
    Map<String, Object> database() {
        postgres = RealPostgres.start();
        return postgres.settings();
    }

    @Override
    void stop() {
        super.stop();
        postgres.close();
    }
}
