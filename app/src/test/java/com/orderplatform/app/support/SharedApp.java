package com.orderplatform.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** One running application shared by the integration tests that do not restart it. */
public final class SharedApp {

    private static RunningApp app;
    private static RunningApp onPostgres;

    private SharedApp() {
    }

    public static synchronized RunningApp get() {
        if (app == null) {
            try {
                app = RunningApp.start(Files.createTempDirectory("orders-it"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return app;
    }

    /** The same application on a real PostgreSQL (profile {@code postgres}) instead of H2. */
    public static synchronized RunningApp onPostgres() {
        if (onPostgres == null) {
            RealPostgres postgres = RealPostgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            try {
                onPostgres = RunningApp.start(Files.createTempDirectory("orders-it-pg"), postgres.settings());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return onPostgres;
    }
}
