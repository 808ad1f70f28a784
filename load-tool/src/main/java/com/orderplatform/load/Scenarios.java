package com.orderplatform.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.load.Report.Check;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * flash-sale: U buyers once each on one SKU of S units at concurrency C. steady: R mixed orders per second for T
 * seconds. ceiling: the same client on a trivial endpoint of the same app, for what the web stack alone does.
 * Everything a scenario needs (tokens, products) is prepared before its clock starts.
 */
final class Scenarios {

    private Scenarios() {
    }

    static Report flashSale(PlatformClient client, CpuTime cpu, Options options) {
        int users = options.integer("users", 2000);
        long stock = options.integer("stock", 200);
        int concurrency = options.integer("concurrency", 64);
        int limit = options.integer("per-user-limit", 1);
        int buyers = Math.min(users, options.integer("buyers", users));
        String sku = options.text("sku", "FLASH-" + System.currentTimeMillis());
        String admin = client.token("load-admin", "ADMIN");
        client.defineProduct(admin, sku, 4900, stock, limit);
        List<String> tokens = tokens(client, buyers == users ? "flash" : "flood-" + System.currentTimeMillis(), buyers,
                concurrency);

        Measurements measurements = new Measurements();
        Map<String, Map<String, Integer>> accepted = new ConcurrentHashMap<>();
        options.note("started", Instant.now().toString());
        CpuTime.Reading start = cpu.read();
        long elapsed = Load.closed(concurrency, users, Duration.ofDays(1), user ->
                place(client, tokens.get((int) (user % buyers)), Map.of(sku, 1), "tok_ok", System.nanoTime(), measurements,
                        accepted));
        CpuTime.Reading placed = cpu.read();
        return finish("flash-sale", client, cpu, admin, options, elapsed, measurements, accepted, accepted,
                Map.of(sku, stock), Map.of(), start, placed, null);
    }

    /**
     * Buyers placing one-unit orders on one SKU of ample stock as fast as they are answered (concurrency C) for T
     * seconds ({@code seconds}, default 30), per {@code window} (default 5 s): an instance's accepted placements per
     * second over a fixed time, for its first seconds of traffic and again once warm ({@code cold-start}).
     */
    static Report timedCrowd(PlatformClient client, CpuTime cpu, Options options, String name) {
        int concurrency = options.integer("concurrency", 64);
        int buyers = options.integer("buyers", 3000);
        Duration duration = options.seconds("seconds", 30);
        String sku = "TIMED-" + System.currentTimeMillis();
        long stock = 100_000_000L;
        String admin = client.token("load-admin", "ADMIN");
        client.defineProduct(admin, sku, 4900, stock, 0);
        List<String> tokens = tokens(client, name, buyers, concurrency);
        Measurements measurements = new Measurements();
        Map<String, Map<String, Integer>> accepted = new ConcurrentHashMap<>();
        options.note("started", Instant.now().toString());
        CpuTime.Reading start = cpu.read();
        Windows windows = Windows.start(cpu, options.seconds("window", 5));
        long elapsed = Load.closed(concurrency, Long.MAX_VALUE, duration, request ->
                place(client, tokens.get((int) (request % buyers)), Map.of(sku, 1), "tok_ok", System.nanoTime(),
                        measurements, accepted));
        CpuTime.Reading placed = cpu.read();
        windows.stop();
        return finish(name, client, cpu, admin, options, elapsed, measurements, accepted, accepted, Map.of(sku, stock),
                Map.of(), start, placed, windows);
    }

    static Report steady(PlatformClient client, CpuTime cpu, Options options) {
        int skuCount = options.integer("skus", 3);
        String admin = client.token("load-admin", "ADMIN");
        Map<String, Long> stock = new TreeMap<>();
        for (int i = 0; i < skuCount; i++) {
            String sku = "STEADY-" + System.currentTimeMillis() + "-" + i;
            client.defineProduct(admin, sku, 1000 + 100L * i, 1_000_000, 0);
            stock.put(sku, 1_000_000L);
        }
        List<String> skus = List.copyOf(stock.keySet());
        return steadyOn(client, cpu, options, admin, stock, Map.of(), random -> {
            Map<String, Integer> lines = new TreeMap<>();
            for (int line = 0; line < 1 + random.nextInt(2); line++) {
                lines.merge(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(2), Integer::sum);
            }
            return lines;
        });
    }

    /**
     * R orders per second for T seconds (open model: latency counts from each arrival's intended time), after a
     * lead-in of the same load that is not measured; the lines of each order from {@code lines}, a tenth of the cards
     * declined. {@code soldBefore}: units of a SKU already sold when the run starts.
     */
    static Report steadyOn(PlatformClient client, CpuTime cpu, Options options, String admin, Map<String, Long> stock,
                           Map<String, Long> soldBefore, Function<ThreadLocalRandom, Map<String, Integer>> lines) {
        double rate = options.decimal("rate", 50);
        Duration duration = options.seconds("seconds", 60);
        Duration leadIn = options.seconds("lead-in", 0);
        Duration window = options.seconds("window", 60);
        int users = options.integer("users", 500);
        int maxInFlight = options.integer("max-in-flight", 512);
        double declined = options.decimal("declined-share", 0.1);
        List<String> tokens = tokens(client, "steady", users, 32);
        Map<String, Map<String, Integer>> accepted = new ConcurrentHashMap<>();
        Function<Measurements, LongConsumer> orders = measurements -> intended -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String method = random.nextDouble() < declined ? "tok_declined" : "tok_ok";
            place(client, tokens.get(random.nextInt(tokens.size())), lines.apply(random), method, intended,
                    measurements, accepted);
        };
        if (!leadIn.isZero()) {
            Load.OpenResult lead = Load.open(rate, leadIn, maxInFlight, orders.apply(new Measurements()));
            options.note("lead-in-orders", accepted.size());
            options.note("lead-in-dropped-by-client", lead.dropped());
        }
        Set<String> ledIn = Set.copyOf(accepted.keySet());
        Measurements measurements = new Measurements();
        options.note("started", Instant.now().toString());
        CpuTime.Reading start = cpu.read();
        Windows windows = Windows.start(cpu, window);
        Load.OpenResult result = Load.open(rate, duration, maxInFlight, orders.apply(measurements));
        CpuTime.Reading placed = cpu.read();
        windows.stop();
        options.note("arrivals", result.arrivals());
        options.note("dropped-by-client", result.dropped());
        Map<String, Map<String, Integer>> measured = new ConcurrentHashMap<>(accepted);
        measured.keySet().removeAll(ledIn);
        return finish("steady", client, cpu, admin, options, result.elapsedNanos(), measurements, measured, accepted,
                stock, soldBefore, start, placed, windows);
    }

    static Report ceiling(PlatformClient client, CpuTime cpu, Options options) {
        int concurrency = options.integer("concurrency", 64);
        Duration duration = options.seconds("seconds", 20);
        String token = client.token("load-ceiling", "CUSTOMER");
        Measurements measurements = new Measurements();
        options.note("started", Instant.now().toString());
        CpuTime.Reading start = cpu.read();
        long elapsed = Load.closed(concurrency, Long.MAX_VALUE, duration, request -> {
            long begun = System.nanoTime();
            measurements.record(answerOrOther(() -> client.ping(token).status()), System.nanoTime() - begun);
        });
        CpuTime.Reading end = cpu.read();
        Map<Outcome, Long> counts = measurements.counts();
        long failed = counts.get(Outcome.SERVER_ERROR) + counts.get(Outcome.OTHER);
        long requests = counts.values().stream().mapToLong(Long::longValue).sum();
        return Report.of("ceiling", options.used(), elapsed, counts, measurements.latencies(), new Histogram(3),
                        List.of(new Check("every request answered 2xx", failed == 0, failed + " not")))
                .withCpu(end.since(start, requests));
    }

    /**
     * Unreported load that compiles the server's hot paths before anything is measured: the ceiling for the given
     * seconds, then a flash sale of 100 buyers per such second for 10 units (202s and 409s), waited for to the end.
     */
    static List<Report> warmUp(PlatformClient client, CpuTime cpu, int seconds) {
        Map<String, String> given = Map.of("seconds", Integer.toString(seconds), "users", Integer.toString(100 * seconds),
                "stock", "10", "finish-within", "120", "sku", "WARMUP-" + System.currentTimeMillis());
        return List.of(ceiling(client, cpu, Options.of(given)), flashSale(client, cpu, Options.of(given)));
    }

    static void place(PlatformClient client, String token, Map<String, Integer> lines, String method,
                              long intendedStart, Measurements measurements, Map<String, Map<String, Integer>> accepted) {
        Outcome outcome = answerOrOther(() -> {
            PlatformClient.Answer answer = client.placeOrder(token, lines, method);
            if (answer.status() == 202) {
                accepted.put(answer.orderId(), lines);
            }
            return answer.status();
        });
        measurements.record(outcome, System.nanoTime() - intendedStart);
    }

    private static Outcome answerOrOther(Supplier<Integer> status) {
        try {
            return Outcome.of(status.get());
        } catch (RuntimeException connectionOrTimeout) {
            return Outcome.OTHER;
        }
    }

    /**
     * Waits for the accepted orders to finish and checks the outcome. Latencies, CPU and orders paid per second are
     * those of the {@code measured} orders; the checks cover every order {@code accepted}, a lead-in's included. CPU
     * per request covers the placements alone; CPU per order runs from the first measured placement until the newest
     * order finished, the saga's work included. With {@code windows}, the same per window of the measured run.
     */
    private static Report finish(String scenario, PlatformClient client, CpuTime cpu, String admin, Options options,
                                 long elapsed, Measurements measurements, Map<String, Map<String, Integer>> measured,
                                 Map<String, Map<String, Integer>> accepted, Map<String, Long> initialStock,
                                 Map<String, Long> soldBefore, CpuTime.Reading start, CpuTime.Reading placed,
                                 Windows windows) {
        Histogram latencies = measurements.latencies();
        List<String> orderIds = List.copyOf(accepted.keySet());
        OrderTracker tracker = new OrderTracker();
        AtomicReference<CpuTime.Reading> finished = new AtomicReference<>();
        tracker.awaitFinished(client, admin, orderIds, options.seconds("finish-within", 300), 4, () -> {
            finished.set(cpu.read());
            options.note("orders-finished", Instant.now().toString());
        });
        if (!OrderTracker.awaitViewsCaughtUp(client, admin, options.seconds("views-within", 30))) {
            options.note("views-caught-up", "no: a processor was still behind after views-within");
        }
        Map<String, CorrectnessCheck.Stock> finalStock = new TreeMap<>();
        for (String sku : initialStock.keySet()) {
            JsonNode view = client.product(admin, sku).body();
            if (view != null && view.has("sold")) {
                finalStock.put(sku, new CorrectnessCheck.Stock(view.get("available").asLong(),
                        view.get("reserved").asLong(), view.get("sold").asLong()));
            }
        }
        List<Check> checks = CorrectnessCheck.of(initialStock, soldBefore, finalStock, accepted,
                tracker.statuses(orderIds));
        long requests = measurements.counts().values().stream().mapToLong(Long::longValue).sum();
        Set<String> measuredIds = measured.keySet();
        Report report = Report.of(scenario, options.used(), elapsed, measurements.counts(), latencies,
                        tracker.placeToPaidMicros(measuredIds), checks)
                .withCpu(placed.since(start, requests))
                .withOrders(tracker.paidPerSecond(measuredIds), finished.get().since(start, measuredIds.size()));
        return windows == null ? report : report.withWindows(windows.of(tracker, measuredIds));
    }

    static List<String> tokens(PlatformClient client, String prefix, int users, int concurrency) {
        List<String> tokens = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(users, (String) null)));
        Load.closed(Math.min(concurrency, 16), users, Duration.ofDays(1), user ->
                tokens.set((int) user, client.token(prefix + "-" + System.nanoTime() % 1_000_000 + "-" + user, "CUSTOMER")));
        return List.copyOf(tokens);
    }
}
