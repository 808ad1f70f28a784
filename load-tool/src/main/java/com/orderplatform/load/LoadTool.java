package com.orderplatform.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code java -jar load-tool/target/load-tool.jar <scenario> [--name=value ...]} against a running instance on its
 * local default (it mints dev tokens and defines its own products). Prints each report, writes them as JSON
 * ({@code --out}, default {@code load-report.json}), and exits 1 when a correctness check failed, whatever the
 * speed. Before the measured scenarios it warms the server up ({@code --warmup-seconds}, default 60, 0 for none): a
 * fresh JVM answers several times slower until its JIT has compiled the request path, and a ceiling measured on a
 * cold server would flatter every ratio to it. {@code rounds} repeats the measurements in one server so that "warm"
 * is part of the procedure, not a matter of luck.
 */
public final class LoadTool {

    static final Set<String> SCENARIOS = Set.of("flash-sale", "steady", "ceiling", "rejects", "flood", "accepted",
            "everyday", "sold-sku", "cold-start");
    /** Every option a scenario or the tool reads; see {@link Scenarios} for what each means. */
    static final Set<String> OPTIONS = Set.of("base-url", "out", "warmup-seconds", "concurrency", "seconds",
            "finish-within", "users", "stock", "per-user-limit", "sku", "rate", "skus", "max-in-flight",
            "declined-share", "rounds", "buyers", "lead-in", "window", "sold", "pairs", "jwt-secret");
    /** A sold-out crowd: nearly every placement is refused by the gate. */
    static final Map<String, String> REJECTS = Map.of("users", "20000", "stock", "1");
    /** One buyer placing as many orders on a sold-out SKU: past its rate limit, every one is refused at the edge. */
    static final Map<String, String> FLOOD = Map.of("users", "20000", "buyers", "1", "stock", "1");
    /** Every buyer gets a unit: placements, then the whole saga of each order. */
    static final Map<String, String> ACCEPTED = Map.of("users", "3000", "stock", "3000", "finish-within", "900");
    /**
     * An ordinary day: 60 orders a second over six SKUs, one or two lines each, a tenth of the cards declined, 2,000
     * buyers; 20 s of the same load before the measured minute.
     */
    static final Map<String, String> EVERYDAY = Map.of("rate", "60", "seconds", "60", "skus", "6", "users", "2000",
            "lead-in", "20");
    /** An order on a SKU that sold 100,000 units against one on a new SKU, at 60 orders/s, twice each. */
    static final Map<String, String> SOLD_SKU = Map.of("rate", "60", "seconds", "60", "users", "2000", "sold", "100000",
            "pairs", "2", "lead-in", "10");

    private LoadTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: load-tool <flash-sale|rejects|flood|accepted|steady|everyday|sold-sku|ceiling|all|"
                    + "rounds|procedure|cold-start> "
                    + "[--base-url=http://localhost:8080] [--out=load-report.json] [scenario options]");
            System.exit(2);
        }
        Options options;
        try {
            options = Options.parse(args, 1).requireKnown(OPTIONS, SCENARIOS);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, Object> result = run(args[0], options);
        Path out = Path.of(options.text("out", "load-report.json"));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println("written to " + out.toAbsolutePath());
        @SuppressWarnings("unchecked")
        List<Report> reports = (List<Report>) result.get("reports");
        System.exit(reports.stream().allMatch(Report::passed) ? 0 : 1);
    }

    /** Runs one scenario, or several in a row ({@code all}, {@code rounds}) with the ratios to the ceiling. */
    public static Map<String, Object> run(String scenario, Map<String, String> options) {
        return run(scenario, Options.of(options).requireKnown(OPTIONS, SCENARIOS));
    }

    static Map<String, Object> run(String scenario, Options options) {
        try (PlatformClient client = new PlatformClient(options.text("base-url", "http://localhost:8080"),
                options.text("jwt-secret", null))) {
            CpuTime cpu = CpuTime.of(client);
            List<Report> reports = new ArrayList<>();
            if (scenario.equals("procedure")) {
                reports.add(everyday(client, cpu, options));
            }
            int warmUpSeconds = options.integer("warmup-seconds", 60);
            boolean warmFirst = warmUpSeconds > 0 && !scenario.equals("cold-start"); // cold-start warms up midway
            List<Report> warmUp = warmFirst ? Scenarios.warmUp(client, cpu, warmUpSeconds) : List.of();
            warmUp.forEach(report ->
                    System.out.println("warm-up, not counted: " + report.summary().lines().findFirst().orElse("")));
            List<Map<String, Double>> ratios = new ArrayList<>();
            Map<String, Double> coldToWarm = new LinkedHashMap<>();
            switch (scenario) {
                case "flash-sale" -> reports.add(Scenarios.flashSale(client, cpu, options.forScenario(scenario)));
                case "rejects" -> reports.add(rejects(client, cpu, options));
                case "flood" -> reports.add(flood(client, cpu, options));
                case "accepted" -> reports.add(accepted(client, cpu, options));
                case "steady" -> reports.add(Scenarios.steady(client, cpu, options.forScenario(scenario)));
                case "everyday" -> reports.add(everyday(client, cpu, options));
                case "sold-sku" -> reports.addAll(SoldSku.run(client, cpu,
                        options.forScenario(scenario).withDefaults(SOLD_SKU)));
                case "ceiling" -> reports.add(Scenarios.ceiling(client, cpu, options.forScenario(scenario)));
                case "cold-start" -> coldToWarm.putAll(coldStart(client, cpu, options, warmUpSeconds, reports));
                case "all" -> {
                    reports.add(Scenarios.ceiling(client, cpu, options.forScenario("ceiling")));
                    reports.add(Scenarios.flashSale(client, cpu, options.forScenario("flash-sale")));
                    reports.add(Scenarios.steady(client, cpu, options.forScenario("steady")));
                    ratios.add(ratios(reports));
                }
                case "rounds" -> rounds(client, cpu, options, reports, ratios);
                case "procedure" -> {
                    rounds(client, cpu, options, reports, ratios);
                    reports.add(quietly(cpu, () -> everyday(client, cpu, options)));
                }
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
            reports.forEach(report -> System.out.println(report.summary()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("warmUp", warmUp);
            result.put("reports", reports);
            if (!ratios.isEmpty()) {
                result.put("ratiosToCeiling", ratios.size() == 1 ? ratios.get(0) : ratios);
                ratios.forEach(round -> System.out.println("ratios to the ceiling: " + round));
            }
            if (!coldToWarm.isEmpty()) {
                result.put("coldToWarm", coldToWarm);
                System.out.println("a cold instance against the same instance warm: " + coldToWarm);
            }
            Map<String, Double> everyday = everydayToBurst(reports);
            if (!everyday.isEmpty()) {
                result.put("everydayToBurst", everyday);
                System.out.println("an ordinary day against the last burst: " + everyday);
            }
            return result;
        }
    }

    /**
     * {@code --rounds} times (default 3): the ceiling, a sold-out crowd, an accepted crowd whose orders are followed
     * to their end, and a steady run at {@code --steady.rate}, by default half that round's PAID per second. Every
     * round exercises every path, so the last one measures a server whose JIT has compiled them all.
     */
    private static void rounds(PlatformClient client, CpuTime cpu, Options options, List<Report> reports,
                               List<Map<String, Double>> ratios) {
        int rounds = options.integer("rounds", 3);
        for (int round = 1; round <= rounds; round++) {
            List<Report> measured = new ArrayList<>();
            measured.add(quietly(cpu, () -> Scenarios.ceiling(client, cpu, options.forScenario("ceiling"))));
            measured.add(quietly(cpu, () -> rejects(client, cpu, options)));
            measured.add(quietly(cpu, () -> flood(client, cpu, options)));
            Report accepted = quietly(cpu, () -> accepted(client, cpu, options));
            measured.add(accepted);
            double paidPerSecond = accepted.paidPerSecond() == null ? 0 : accepted.paidPerSecond();
            measured.add(quietly(cpu, () -> Scenarios.steady(client, cpu, options.forScenario("steady")
                    .withDefaults(Map.of("rate", Long.toString(Math.max(1, Math.round(paidPerSecond / 2))))))));
            for (Report report : measured) {
                report.parameters().put("round", round);
            }
            Map<String, Double> roundRatios = ratios(measured);
            roundRatios.put("round", (double) round);
            ratios.add(roundRatios);
            reports.addAll(measured);
        }
    }

    /**
     * An instance's first traffic against its warm rate, for a server that has just become ready (mint the tokens
     * here with {@code --jwt-secret}, so that nothing but the measured load reaches it first): a timed crowd at once,
     * the tool's warm-up, then the same crowd again. The ratio is the cold crowd's accepted placements per second over
     * the warm one's, for the whole run and for its first window.
     */
    private static Map<String, Double> coldStart(PlatformClient client, CpuTime cpu, Options options,
                                                 int warmUpSeconds, List<Report> reports) {
        Report cold = Scenarios.timedCrowd(client, cpu, options.forScenario("cold-start"), "cold");
        reports.add(cold);
        Scenarios.warmUp(client, cpu, warmUpSeconds).forEach(report ->
                System.out.println("warm-up, not counted: " + report.summary().lines().findFirst().orElse("")));
        Report warm = quietly(cpu, () -> Scenarios.timedCrowd(client, cpu, options.forScenario("cold-start"), "warm"));
        reports.add(warm);
        double warmRate = warm.perSecond().get("2xx");
        Map<String, Double> coldToWarm = new LinkedHashMap<>();
        coldToWarm.put("cold 2xx/s ÷ warm 2xx/s", round(cold.perSecond().get("2xx") / warmRate));
        if (cold.windows() != null && !cold.windows().isEmpty()) {
            Windows.Window first = cold.windows().get(0);
            coldToWarm.put("cold first window orders/s ÷ warm 2xx/s", round(first.orders() / first.seconds() / warmRate));
        }
        return coldToWarm;
    }

    /** Runs the scenario once the server is quiet (under a quarter of a core for two seconds, at most 3 minutes). */
    private static Report quietly(CpuTime cpu, Supplier<Report> scenario) {
        double waited = cpu.awaitQuiet(0.25, Duration.ofSeconds(2), Duration.ofMinutes(3));
        Report report = scenario.get();
        report.parameters().put("quiet-after-seconds", waited);
        return report;
    }

    private static Report rejects(PlatformClient client, CpuTime cpu, Options options) {
        return named("rejects", Scenarios.flashSale(client, cpu, options.forScenario("rejects").withDefaults(REJECTS)));
    }

    private static Report flood(PlatformClient client, CpuTime cpu, Options options) {
        return named("flood", Scenarios.flashSale(client, cpu, options.forScenario("flood").withDefaults(FLOOD)));
    }

    private static Report accepted(PlatformClient client, CpuTime cpu, Options options) {
        return named("accepted", Scenarios.flashSale(client, cpu, options.forScenario("accepted").withDefaults(ACCEPTED)));
    }

    private static Report everyday(PlatformClient client, CpuTime cpu, Options options) {
        return named("everyday", Scenarios.steady(client, cpu, options.forScenario("everyday").withDefaults(EVERYDAY)));
    }

    /**
     * Each everyday run's server CPU per order over the last accepted crowd's, and its place→PAID p99: what an order
     * of an ordinary day costs against one of a burst.
     */
    static Map<String, Double> everydayToBurst(List<Report> reports) {
        Map<String, Double> figures = new LinkedHashMap<>();
        Report lastAccepted = reports.stream().filter(r -> r.scenario().equals("accepted")).reduce((a, b) -> b)
                .orElse(null);
        if (lastAccepted == null || lastAccepted.cpuPerOrder() == null
                || lastAccepted.cpuPerOrder().serverMillis() == null) {
            return figures;
        }
        double burst = lastAccepted.cpuPerOrder().serverMillis();
        figures.put("burst server ms per order", burst);
        int run = 0;
        for (Report report : reports) {
            if (report.scenario().equals("everyday") && report.cpuPerOrder() != null
                    && report.cpuPerOrder().serverMillis() != null) {
                run++;
                figures.put("everyday " + run + " server ms per order", report.cpuPerOrder().serverMillis());
                figures.put("everyday " + run + " ÷ burst", round(report.cpuPerOrder().serverMillis() / burst));
                figures.put("everyday " + run + " place→PAID p99 ms", report.placeToPaidMillis().p99());
            }
        }
        return figures;
    }

    private static Report named(String name, Report report) {
        return report.named(name);
    }

    /**
     * Sold-out rejects, accepted placements and orders paid per second, each over the ceiling's requests per second
     * (the first ceiling among the reports).
     */
    static Map<String, Double> ratios(List<Report> reports) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        Report ceiling = reports.stream().filter(r -> r.scenario().equals("ceiling")).findFirst().orElse(null);
        if (ceiling == null || ceiling.perSecond().get("all") == 0) {
            return ratios;
        }
        double top = ceiling.perSecond().get("all");
        for (Report report : reports) {
            if (!report.scenario().equals("ceiling")) {
                ratios.put(report.scenario() + " 409/s", round(report.perSecond().get("409") / top));
                ratios.put(report.scenario() + " 2xx/s", round(report.perSecond().get("2xx") / top));
                if (report.perSecond().getOrDefault("429", 0.0) > 0) {
                    ratios.put(report.scenario() + " 429/s", round(report.perSecond().get("429") / top));
                }
                if (report.paidPerSecond() != null) {
                    ratios.put(report.scenario() + " PAID/s", round(report.paidPerSecond() / top));
                }
            }
        }
        return ratios;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
