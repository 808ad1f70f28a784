package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static com.orderplatform.app.support.Stock.Units.settled;
import static com.orderplatform.app.support.Stock.awaitUnits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.api.order.OrderCancelledEvent;
import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentIds;
import com.orderplatform.app.support.RealPostgres;
import com.orderplatform.app.support.RunningApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scaled-out topology of DESIGN §2 with real processes, as the README's recipe runs them on one machine: two
 * {@code command,saga} instances of the packaged jar and one {@code query} instance, sharing one PostgreSQL, one
 * Redis and one Kafka broker (the first instance's), and one payment provider simulator, a process of its own whose
 * record is where charges are counted. A flash sale spread over both command instances, a steady flow
 * during which one of them is killed with SIGKILL mid-placement, its restart, the flow's SKU sold out exactly once
 * the units the killed instance held at the gate came back by themselves; then the query instance's views against the
 * event store, and the provider's record against the orders.
 */
class ScaleOutIT {

    private static final Path JAR = Path.of("target", "order-platform.jar").toAbsolutePath();
    private static final String SALE = "SCALE-SALE";
    private static final String FLOW = "SCALE-FLOW";
    private static final int SALE_STOCK = 150;
    private static final int FLOW_STOCK = 600;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Process> processes = new ArrayList<>();
    private RealPostgres postgres;
    private String provider;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process process : processes) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            children.forEach(ProcessHandle::destroyForcibly);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void twoCommandInstancesShareTheWorkAndTheSurvivorFinishesWhatTheKilledOneAccepted() throws Exception {
        postgres = RealPostgres.start();
        int redisPort = freePort();
        int kafkaPort = freePort();
        Path root = Files.createTempDirectory("orders-scale-out");
        // The payment provider: a process of its own that outlives any instance, which every instance calls.
        int providerPort = freePort();
        provider = "http://127.0.0.1:" + providerPort;
        startProvider(providerPort, root.resolve("provider"));
        List<String> shared = List.of("--spring.datasource.url=" + postgres.jdbcUrl(),
                "--orders.payment.provider.embedded.enabled=false", "--orders.payment.provider.url=" + provider,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--axon.kafka.bootstrap-servers=127.0.0.1:" + kafkaPort,
                // Placements here store their orders within seconds; a dead one's gate units come back after 15 s.
                "--orders.gate.heal-after=15s", "--orders.gate.heal-every=1s");
        List<String> first = with(shared, "--spring.profiles.active=local,postgres", "--orders.roles=command,saga",
                "--orders.redis.embedded-port=" + redisPort,
                "--orders.redis.embedded-pid-file=" + root.resolve("a/redis.pid"),
                "--orders.kafka.port=" + kafkaPort, "--orders.kafka.controller-port=" + freePort(),
                "--orders.kafka.log-dir=" + root.resolve("a/kafka"));
        List<String> beside = with(shared, "--spring.profiles.active=local,postgres,beside",
                "--orders.redis.address=redis://127.0.0.1:" + redisPort);
        List<String> second = with(beside, "--orders.roles=command,saga");
        List<String> queries = with(beside, "--orders.roles=query");

        Instance a = start("a", first);
        a.awaitReady();
        Instance b = start("b", second);
        Instance q = start("q", queries);
        b.awaitReady();
        q.awaitReady();
        String admin = a.app.admin();

        // The saga's four segments end up two on each command instance, the payment processor's two one on each.
        awaitOwners("order-saga", Set.of(a.owner(), b.owner()));
        awaitOwners("payment-gateway", Set.of(a.owner(), b.owner()));

        // 1. A flash sale whose requests alternate between the two command instances.
        a.app.defineProduct(SALE, 2500, SALE_STOCK, 1);
        List<String> buyers = IntStream.range(0, 3 * SALE_STOCK).mapToObj(i -> "scale-buyer-" + i).toList();
        Map<String, RunningApp.Response> answers = sale(List.of(a.app, b.app), SALE, buyers);
        List<String> sold = new ArrayList<>();
        Map<String, Integer> soldBy = new HashMap<>();
        answers.forEach((buyer, response) -> {
            if (response.status() == 202) {
                sold.add(response.json().get("orderId").asText());
                soldBy.merge(buyers.indexOf(buyer) % 2 == 0 ? "a" : "b", 1, Integer::sum);
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(409);
                assertThat(response.code()).isEqualTo("SOLD_OUT");
            }
        });
        assertThat(sold).hasSize(SALE_STOCK).doesNotHaveDuplicates();
        assertThat(soldBy).containsOnlyKeys("a", "b");
        for (String orderId : sold) {
            assertThat(awaitTerminal(q.app, admin, orderId, Duration.ofSeconds(60)).get("status").asText())
                    .isEqualTo("PAID");
        }
        awaitUnits(q.app, SALE, settled(0, SALE_STOCK), Duration.ofSeconds(30));
        assertThat(inSync(a.app, admin, SALE)).isTrue();

        // 2. A steady flow over both, one in five payments declined; the second instance is killed part-way.
        a.app.defineProduct(FLOW, 1000, FLOW_STOCK, 0);
        Map<String, String> accepted = new ConcurrentHashMap<>();
        Map<String, Integer> acceptedPerInstance = new ConcurrentHashMap<>();
        Map<String, Integer> answered = new ConcurrentHashMap<>();
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean bKilled = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            String token = a.app.customer("flow-buyer-" + t);
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    Instance target = (i + thread) % 2 == 0 ? a : b;
                    String method = (i + thread) % 5 == 0 ? "tok_declined" : "tok_ok";
                    boolean toTheKilled = target == b && bKilled.get();
                    try {
                        RunningApp.Response response = target.app.placeOrder(token, method, Map.of(FLOW, 1));
                        if (response.status() == 202) {
                            accepted.put(response.json().get("orderId").asText(), method);
                            acceptedPerInstance.merge(target.name, 1, Integer::sum);
                        }
                        if (!toTheKilled) {
                            answered.merge(target.name + " " + response.status(), 1, Integer::sum);
                        }
                    } catch (RuntimeException e) {
                        // Only the killed instance may fail a request (a client would go to the other one).
                        if (!(target == b && bKilled.get())) {
                            failed.add(target.name + ": " + e);
                        }
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> acceptedPerInstance.getOrDefault("b", 0) >= 60);
        bKilled.set(true);
        b.kill();
        int acceptedAtKill = accepted.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= acceptedAtKill + 60);
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(failed).as("requests that failed, but to the killed instance").isEmpty();
        assertThat(answered.keySet()).as("answers by instance and status (429: the default rate limits)")
                .allSatisfy(answer -> assertThat(answer).matches("[ab] (202|429)"));
        // The killed instance may have stored orders whose 202 never reached their client (one request in flight per
        // client thread at most): they are accepted orders all the same, and must finish like the others.
        Map<String, String> stored = placedInTheEventStore(FLOW);
        assertThat(stored).containsAllEntriesOf(accepted);
        assertThat(stored.size() - accepted.size()).isBetween(0, 8);
        // The survivor takes the dead instance's segments once its claims time out, and finishes its orders.
        awaitOwners("order-saga", Set.of(a.owner()));
        awaitOwners("payment-gateway", Set.of(a.owner()));
        Map<String, String> flowStatus = new HashMap<>();
        for (String orderId : stored.keySet()) {
            try {
                flowStatus.put(orderId, awaitTerminal(q.app, admin, orderId, Duration.ofSeconds(120)).get("status")
                        .asText());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                System.out.println("ScaleOutIT: order " + orderId + " unfinished; sagas: " + query(
                        "select order_id, step, step_since from order_saga where step <> 'DONE'") + "; tokens: "
                        + query("select processor_name, segment, owner, convert_from(token, 'UTF8') from token_entry")
                        + "; its events: " + query("select global_index, aggregate_identifier, payload_type, time_stamp"
                        + " from domain_event_entry where aggregate_identifier like '" + orderId + "%' or payload_type"
                        + " like '%Stock%' and convert_from(payload, 'UTF8') like '%" + orderId + "%'"));
                throw e;
            }
        }
        long paid = flowStatus.values().stream().filter("PAID"::equals).count();
        assertThat(paid).isPositive();
        // A good card's order is paid, a declined one's cancelled: a cancelled tok_ok order would be a lost sale.
        stored.forEach((orderId, method) -> assertThat(flowStatus.get(orderId)).as("%s paid with %s", orderId, method)
                .isEqualTo(method.equals("tok_ok") ? "PAID" : "CANCELLED"));
        awaitUnits(q.app, FLOW, settled(FLOW_STOCK - paid, paid), Duration.ofSeconds(30));
        assertChargedOnceIfPaid(flowStatus);
        // A placement in flight in the killed instance may have taken units at the gate for an order it never
        // stored: the survivor's gate healer gives them back once they are heal-after old, no operator needed.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> inSync(a.app, admin, FLOW));

        // 3. Restarted, the second instance takes its share of the segments back and takes orders again.
        Instance restarted = start("b", second);
        restarted.awaitReady();
        awaitOwners("order-saga", Set.of(a.owner(), restarted.owner()));
        awaitOwners("payment-gateway", Set.of(a.owner(), restarted.owner()));
        String late = restarted.app.placeOrderId(a.app.customer("late-buyer"), "tok_ok", FLOW, 1);
        assertThat(awaitTerminal(q.app, admin, late, Duration.ofSeconds(30)).get("status").asText())
                .isEqualTo("PAID");

        // 4. What the killed instance held at the gate came back by itself: the rest of the flow's stock sells out
        // exactly, over both instances.
        long left = FLOW_STOCK - paid - 1;
        List<String> lastBuyers = IntStream.range(0, (int) left + 40).mapToObj(i -> "last-buyer-" + i).toList();
        List<String> lastSold = new ArrayList<>();
        sale(List.of(a.app, restarted.app), FLOW, lastBuyers).forEach((buyer, response) -> {
            if (response.status() == 202) {
                lastSold.add(response.json().get("orderId").asText());
            } else {
                assertThat(response.status() + " " + response.code()).as(response.toString()).isEqualTo("409 SOLD_OUT");
            }
        });
        assertThat(lastSold).as("the units left after the kill").hasSize((int) left);
        for (String orderId : lastSold) {
            assertThat(awaitTerminal(q.app, admin, orderId, Duration.ofSeconds(60)).get("status").asText())
                    .isEqualTo("PAID");
        }
        awaitUnits(q.app, FLOW, settled(0, FLOW_STOCK), Duration.ofSeconds(30));
        assertThat(inSync(a.app, admin, FLOW)).isTrue();

        // 5. The query instance's views are what the event store says, and the provider charged each paid order once.
        Map<String, String> everyOrder = new HashMap<>(flowStatus);
        sold.forEach(orderId -> everyOrder.put(orderId, "PAID"));
        everyOrder.put(late, "PAID");
        lastSold.forEach(orderId -> everyOrder.put(orderId, "PAID"));
        assertChargedAtTheProviderOnceIfPaid(everyOrder);
        assertThat(statusesInTheEventStore(everyOrder.keySet())).isEqualTo(everyOrder);
        System.out.printf("ScaleOutIT: sale %d of %d buyers (%s), flow %d accepted (%s), %d stored, %d paid, %d left "
                        + "after the kill sold%n", sold.size(), buyers.size(), soldBy, accepted.size(),
                acceptedPerInstance, stored.size(), paid, lastSold.size());
    }

    /** One placement of {@code sku} per buyer, the buyers' requests alternating between the instances, 32 at a time. */
    private static Map<String, RunningApp.Response> sale(List<RunningApp> instances, String sku, List<String> buyers) {
        Map<String, String> tokens = new HashMap<>();
        buyers.forEach(buyer -> tokens.put(buyer, instances.get(0).customer(buyer)));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        Map<String, CompletableFuture<RunningApp.Response>> answers = new HashMap<>();
        for (int i = 0; i < buyers.size(); i++) {
            String buyer = buyers.get(i);
            RunningApp instance = instances.get(i % instances.size());
            answers.put(buyer, CompletableFuture.supplyAsync(
                    () -> instance.placeOrder(tokens.get(buyer), "tok_ok", Map.of(sku, 1)), pool));
        }
        Map<String, RunningApp.Response> result = new HashMap<>();
        answers.forEach((buyer, answer) -> result.put(buyer, answer.join()));
        pool.shutdown();
        return result;
    }

    private static boolean inSync(RunningApp app, String admin, String sku) {
        for (JsonNode row : app.get("/api/admin/gate/reconciliation", admin).json()) {
            if (row.get("sku").asText().equals(sku)) {
                return row.get("inSync").asBoolean();
            }
        }
        return false;
    }

    private void awaitOwners(String processor, Set<String> owners) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(owners(processor)).isEqualTo(owners));
    }

    private Set<String> owners(String processor) throws SQLException {
        Set<String> owners = new HashSet<>();
        try (Connection connection = connection(); PreparedStatement query = connection.prepareStatement(
                "select owner from token_entry where processor_name = ?")) {
            query.setString(1, processor);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    owners.add(rows.getString(1));
                }
            }
        }
        return owners;
    }

    /**
     * What the provider itself holds: a paid order was charged exactly once and not refunded; a cancelled one has no
     * charge standing (none, or one refunded in full).
     */
    private void assertChargedAtTheProviderOnceIfPaid(Map<String, String> statuses) {
        statuses.forEach((orderId, status) -> {
            List<JsonNode> charged = new ArrayList<>();
            providerIntents(orderId).forEach(intent -> {
                if (intent.get("status").asText().equals("succeeded")) {
                    charged.add(intent);
                }
            });
            if (status.equals("PAID")) {
                assertThat(charged).as("charges of paid order %s at the provider", orderId).hasSize(1);
                assertThat(charged.get(0).get("amount_refunded").asLong()).as(orderId).isZero();
            } else {
                assertThat(charged).as("charges standing on cancelled order %s at the provider", orderId)
                        .allSatisfy(intent -> assertThat(intent.get("amount_refunded").asLong())
                                .isEqualTo(intent.get("amount").asLong()));
            }
        });
    }

    private JsonNode providerIntents(String orderId) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(provider + "/v1/payment_intents?order_id=" + orderId))
                    .header("Authorization", "Bearer sk_test_local").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body()).get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void startProvider(int port, Path data) throws IOException {
        Files.createDirectories(data);
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString(), "payment-provider", "--port=" + port, "--data-dir=" + data))
                .redirectErrorStream(true).redirectOutput(data.resolve("provider.log").toFile()).start();
        processes.add(process);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as("the provider exited").isTrue();
            return HTTP.send(HttpRequest.newBuilder(URI.create(provider + "/v1/simulator"))
                    .header("Authorization", "Bearer sk_test_local").GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    /** A paid order's payment was charged once; a cancelled one's (declined) never. */
    private void assertChargedOnceIfPaid(Map<String, String> statuses) throws SQLException {
        try (Connection connection = connection(); PreparedStatement charges = connection.prepareStatement(
                "select count(*) from domain_event_entry where aggregate_identifier = ? and payload_type = ?")) {
            charges.setString(2, PaymentChargedEvent.class.getName());
            for (Map.Entry<String, String> order : statuses.entrySet()) {
                charges.setString(1, PaymentIds.forOrder(order.getKey()));
                try (ResultSet count = charges.executeQuery()) {
                    count.next();
                    assertThat(count.getLong(1)).as(order.toString()).isEqualTo(order.getValue().equals("PAID") ? 1 : 0);
                }
            }
        }
    }

    /** Every order placed with a line of {@code sku}, as the event store has them, with its payment method. */
    private Map<String, String> placedInTheEventStore(String sku) throws SQLException {
        Map<String, String> orders = new HashMap<>();
        try (Connection connection = connection(); PreparedStatement query = connection.prepareStatement(
                "select aggregate_identifier, convert_from(payload, 'UTF8') from domain_event_entry "
                        + "where payload_type = ? and convert_from(payload, 'UTF8') like ?")) {
            query.setString(1, OrderPlacedEvent.class.getName());
            query.setString(2, "%\"" + sku + "\"%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    orders.put(rows.getString(1), JSON.readTree(rows.getString(2)).path("paymentMethod").asText());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return orders;
    }

    private Map<String, String> statusesInTheEventStore(Set<String> orderIds) throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (Connection connection = connection(); PreparedStatement query = connection.prepareStatement(
                "select aggregate_identifier, payload_type from domain_event_entry where payload_type in (?, ?)")) {
            query.setString(1, OrderConfirmedEvent.class.getName());
            query.setString(2, OrderCancelledEvent.class.getName());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (orderIds.contains(rows.getString(1))) {
                        statuses.put(rows.getString(1),
                                rows.getString(2).endsWith("OrderConfirmedEvent") ? "PAID" : "CANCELLED");
                    }
                }
            }
        }
        return statuses;
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connection(); ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    columns.add(result.getString(i));
                }
                rows.add(String.join(" | ", columns));
            }
        }
        return rows;
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
    }

    private Instance start(String name, List<String> arguments) throws IOException {
        int port = freePort();
        Path folder = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "orders-scale-out-" + name
                + "-" + port));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", JAR.toString(), "--server.port=" + port,
                "--orders.warm-up.enabled=false"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return new Instance(name, process, RunningApp.remote("http://localhost:" + port));
    }

    private record Instance(String name, Process process, RunningApp app) {

        /** The name the instance's processors claim segments under (Axon's default: the JVM's pid@host). */
        String owner() throws IOException {
            return process.pid() + "@" + InetAddress.getLocalHost().getHostName();
        }

        void awaitReady() {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        assertThat(process.isAlive()).as(name + " exited").isTrue();
                        return app.get("/actuator/health/readiness", null).status() == 200;
                    });
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> with(List<String> arguments, String... more) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of(more));
        return all;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
