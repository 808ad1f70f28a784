package com.orderplatform.app.support;

import com.orderplatform.app.local.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A real PostgreSQL for a test, in a folder of its own ({@link LocalPostgres}, the local recipe's server). */
public final class RealPostgres implements AutoCloseable {

    private final LocalPostgres server;

    private RealPostgres(LocalPostgres server) {
        this.server = server;
    }

    public static RealPostgres start() {
        try {
            Path dir = Files.createTempDirectory("orders-pg");
            if ("root".equals(System.getProperty("user.name"))) {
                // PostgreSQL runs as nobody then, and must reach its folder.
                new ProcessBuilder(List.of("chown", "nobody", dir.toString())).start().waitFor();
            }
            return new RealPostgres(LocalPostgres.start(dir.resolve("data"), dir.resolve("bin"), freePort(),
                    dir.resolve("server.log"), false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    /** The application's settings to run on this database (profile {@code postgres} beside {@code local}). */
    public Map<String, Object> settings() {
        return Map.of("spring.profiles.active", "local,postgres", "spring.datasource.url", jdbcUrl(),
                "spring.datasource.username", "postgres", "spring.datasource.password", "");
    }

    @Override
    public void close() {
        server.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
