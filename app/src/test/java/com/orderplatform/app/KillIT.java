package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.app.support.RunningApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar on its local default, killed with SIGKILL under load and started again in the same folder:
 * every order it had accepted (202) reaches its end and the query side shows it — paid for a good card (a cancelled
 * one would be a lost sale), cancelled as declined for a declined one. Every request before the kill is answered
 * (202, or 429 from the default rate limits); the redis-server the killed JVM leaves running must not stand in the
 * way of the restart.
 */
class KillIT {

    private static final Path JAR = Path.of("target", "order-platform.jar").toAbsolutePath();

    @Test
    void everyAcceptedOrderIsFinishedAfterAKillAndARestart() throws Exception {
        Path folder = Files.createTempDirectory("orders-kill-it");
        int httpPort = freePort();
        List<String> command = command(httpPort, freePort(), freePort());
        Map<String, String> accepted = new ConcurrentHashMap<>();
        Map<Integer, Integer> answeredBeforeTheKill = new ConcurrentHashMap<>();
        List<String> failedBeforeTheKill = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean killed = new AtomicBoolean();
        List<ProcessHandle> leftBehind = new ArrayList<>();

        Process first = start(command, folder, "first.log");
        try {
            RunningApp app = awaitReady(first, httpPort);
            app.defineProduct("KILL-1", 100, 100_000, 0);
            ExecutorService buyers = Executors.newFixedThreadPool(6);
            for (int i = 0; i < 6; i++) {
                String token = app.customer("kill-buyer-" + i);
                String method = i == 0 ? "tok_declined" : "tok_ok";
                buyers.submit(() -> {
                    while (!killed.get()) {
                        try {
                            RunningApp.Response response = app.placeOrder(token, method, Map.of("KILL-1", 1));
                            if (response.status() == 202) {
                                accepted.put(response.json().get("orderId").asText(), method);
                            }
                            if (!killed.get()) {
                                answeredBeforeTheKill.merge(response.status(), 1, Integer::sum);
                            }
                        } catch (RuntimeException e) {
                            if (!killed.get()) {
                                failedBeforeTheKill.add(e.toString());
                            }
                            return;
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= 60);

            leftBehind.addAll(first.descendants().toList());
            killed.set(true);
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
            buyers.shutdown();
            assertThat(buyers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }

        System.out.printf("KillIT: %d orders accepted before the kill, %d of them not finished in the event store; "
                + "answers before the kill by status %s%n", accepted.size(), unfinished(folder, accepted.keySet()),
                answeredBeforeTheKill);
        assertThat(failedBeforeTheKill).as("requests that failed before the kill").isEmpty();
        assertThat(answeredBeforeTheKill.keySet()).as("statuses answered before the kill (202, or 429 from the "
                + "default rate limits)").isSubsetOf(202, 429);

        Process second = start(command, folder, "second.log");
        try {
            RunningApp app = awaitReady(second, httpPort);
            assertThat(leftBehind).as("the redis-server the killed JVM left running").noneMatch(ProcessHandle::isAlive);
            String admin = app.admin();
            for (Map.Entry<String, String> order : Map.copyOf(accepted).entrySet()) {
                JsonNode finished = awaitTerminal(app, admin, order.getKey(), Duration.ofSeconds(120));
                if (order.getValue().equals("tok_ok")) {
                    assertThat(finished.get("status").asText()).as("a tok_ok order accepted before the kill: %s",
                            finished).isEqualTo("PAID");
                } else {
                    assertThat(finished.get("cancelReason").asText()).as("a declined card's order: %s", finished)
                            .isEqualTo("PAYMENT_DECLINED");
                }
            }
        } finally {
            kill(second);
            leftBehind.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The application's database: the local default's H2 file in its folder; {@code KillOnPostgresIT} overrides it. */
    java.sql.Connection database(Path folder) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("data/orders").toAbsolutePath(),
                "sa", "");
    }

    /** Arguments that point the application at its database: none for the local default (H2). */
    List<String> databaseArguments() {
        return List.of();
    }

    private long unfinished(Path folder, java.util.Collection<String> orderIds) throws java.sql.SQLException {
        try (java.sql.Connection connection = database(folder)) {
            java.sql.PreparedStatement finished = connection.prepareStatement("select count(*) from domain_event_entry "
                    + "where aggregate_identifier = ? and payload_type in (?, ?)");
            long count = 0;
            for (String orderId : List.copyOf(orderIds)) {
                finished.setString(1, orderId);
                finished.setString(2, com.orderplatform.api.order.OrderConfirmedEvent.class.getName());
                finished.setString(3, com.orderplatform.api.order.OrderCancelledEvent.class.getName());
                try (java.sql.ResultSet result = finished.executeQuery()) {
                    result.next();
                    count += result.getLong(1) == 0 ? 1 : 0;
                }
            }
            return count;
        }
    }

    private List<String> command(int httpPort, int kafkaPort, int controllerPort) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx768m", "-jar", JAR.toString(),
                "--server.port=" + httpPort, "--orders.warm-up.enabled=false",
                "--orders.kafka.port=" + kafkaPort,
                "--orders.kafka.controller-port=" + controllerPort,
                "--axon.kafka.bootstrap-servers=127.0.0.1:" + kafkaPort));
        command.addAll(databaseArguments());
        return command;
    }

    private static Process start(List<String> command, Path folder, String log) throws IOException {
        return new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve(log).toFile()).start();
    }

    private static RunningApp awaitReady(Process process, int port) {
        RunningApp app = RunningApp.remote("http://localhost:" + port);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    assertThat(process.isAlive()).as("the application exited").isTrue();
                    return app.get("/actuator/health", null).status() == 200;
                });
        return app;
    }

    /** SIGKILL, for the JVM and for the redis-server it started. */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
