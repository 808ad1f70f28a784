package com.orderplatform.app.support;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL of a test class's own, as a JUnit extension: started when a test first asks for it, stopped after
 * each test ({@link #perTest}) or after the class ({@link #perClass}), once the test's application is closed.
 */
public final class OwnPostgres implements AfterEachCallback, AfterAllCallback {

    private final boolean perTest;
    private RealPostgres server;

    private OwnPostgres(boolean perTest) {
        this.perTest = perTest;
    }

    /** One database for every test of the class. */
    public static OwnPostgres perClass() {
        return new OwnPostgres(false);
    }

    /** A fresh database for each test. */
    public static OwnPostgres perTest() {
        return new OwnPostgres(true);
    }

    /** The application's settings for this database. */
    public synchronized Map<String, Object> settings() {
        return server().settings();
    }

    public synchronized String jdbcUrl() {
        return server().jdbcUrl();
    }

    private RealPostgres server() {
        if (server == null) {
            server = RealPostgres.start();
        }
        return server;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
