package com.orderplatform.infra.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server process for the local default and the tests; it keeps nothing on disk. The library also
 * stops it from a JVM shutdown hook, so on a signal it may go before the application has said goodbye to it —
 * harmless, since everything it held (gate, leases) goes with it. After a kill -9 of the JVM the server lives on;
 * with a pid file, the next start stops that leftover before starting its own.
 */
public final class EmbeddedRedisServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private final int port;
    private final Path pidFile;
    private RedisServer server;

    public EmbeddedRedisServer(int port) {
        this(port, null);
    }

    public EmbeddedRedisServer(int port, Path pidFile) {
        this.port = port == 0 ? freePort() : port;
        this.pidFile = pidFile == null ? null : pidFile.toAbsolutePath();
    }

    public synchronized void start() {
        if (server != null && server.isActive()) {
            return;
        }
        try {
            RedisServerBuilder builder = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true);
            if (pidFile != null) {
                stopLeftover();
                Files.createDirectories(pidFile.getParent());
                builder.setting("pidfile \"" + pidFile + "\"");
            }
            server = builder.build();
            server.start();
            log.info("Embedded Redis listening on 127.0.0.1:{}", port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis on port " + port, e);
        }
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                log.warn("Embedded Redis did not stop cleanly", e);
            }
        }
    }

    private void stopLeftover() throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).trim();
        Files.delete(pidFile);
        if (!text.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(text))
                .filter(process -> process.info().command().map(command -> command.contains("redis")).orElse(false))
                .filter(EmbeddedRedisServer::orphaned)
                .ifPresent(leftover -> {
                    log.warn("Stopping redis-server {} left behind by a previous run", leftover.pid());
                    leftover.destroyForcibly();
                    leftover.onExit().orTimeout(10, TimeUnit.SECONDS).join();
                });
    }

    /** A server still owned by a running JVM belongs to another instance, not to a killed one. */
    private static boolean orphaned(ProcessHandle server) {
        return server.parent()
                .filter(ProcessHandle::isAlive)
                .flatMap(parent -> parent.info().command())
                .map(command -> !command.contains("java"))
                .orElse(true);
    }

    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
