package com.orderplatform.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar load-tool/target/load-tool.jar <flash-sale|steady|ceiling|all> [--name=value ...]} against a
 * running instance on its local default (it mints dev tokens and defines its own products). Prints each report,
 * writes them as JSON ({@code --out}, default {@code load-report.json}), and exits 1 when a correctness check
 * failed, whatever the speed. Before the measured scenarios it warms the server up ({@code --warmup-seconds}, default
 * 60, 0 for none): a fresh JVM answers several times slower until its JIT has compiled the request path, and a
 * ceiling measured on a cold server would flatter every ratio to it.
 */
public final class LoadTool {

    static final Set<String> SCENARIOS = Set.of("flash-sale", "steady", "ceiling");
    /** Every option a scenario or the tool reads; see {@link Scenarios} for what each means. */
    static final Set<String> OPTIONS = Set.of("base-url", "out", "warmup-seconds", "concurrency", "seconds",
            "finish-within", "users", "stock", "per-user-limit", "sku", "rate", "skus", "max-in-flight",
            "declined-share");

    private LoadTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: load-tool <flash-sale|steady|ceiling|all> [--base-url=http://localhost:8080] "
                    + "[--out=load-report.json] [scenario options]");
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

    /** Runs one scenario, or all three in a row ({@code all}) with the placement-to-ceiling ratios. */
    public static Map<String, Object> run(String scenario, Map<String, String> options) {
        return run(scenario, Options.of(options).requireKnown(OPTIONS, SCENARIOS));
    }

    static Map<String, Object> run(String scenario, Options options) {
        PlatformClient client = new PlatformClient(options.text("base-url", "http://localhost:8080"),
                options.integer("concurrency", 64));
        int warmUpSeconds = options.integer("warmup-seconds", 60);
        List<Report> warmUp = warmUpSeconds > 0 ? Scenarios.warmUp(client, warmUpSeconds) : List.of();
        warmUp.forEach(report ->
                System.out.println("warm-up, not counted: " + report.summary().lines().findFirst().orElse("")));
        List<Report> reports = new ArrayList<>();
        switch (scenario) {
            case "flash-sale" -> reports.add(Scenarios.flashSale(client, options.forScenario(scenario)));
            case "steady" -> reports.add(Scenarios.steady(client, options.forScenario(scenario)));
            case "ceiling" -> reports.add(Scenarios.ceiling(client, options.forScenario(scenario)));
            case "all" -> {
                reports.add(Scenarios.ceiling(client, options.forScenario("ceiling")));
                reports.add(Scenarios.flashSale(client, options.forScenario("flash-sale")));
                reports.add(Scenarios.steady(client, options.forScenario("steady")));
            }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        reports.forEach(report -> System.out.println(report.summary()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warmUp", warmUp);
        result.put("reports", reports);
        ratios(reports).ifPresent(ratios -> {
            result.put("ratiosToCeiling", ratios);
            System.out.println("ratios to the ceiling: " + ratios);
        });
        return result;
    }

    /** Sold-out rejects and accepted placements per second, each over the ceiling's requests per second. */
    static Optional<Map<String, Double>> ratios(List<Report> reports) {
        Report ceiling = reports.stream().filter(r -> r.scenario().equals("ceiling")).findFirst().orElse(null);
        if (ceiling == null || ceiling.perSecond().get("all") == 0) {
            return Optional.empty();
        }
        double top = ceiling.perSecond().get("all");
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Report report : reports) {
            if (!report.scenario().equals("ceiling")) {
                ratios.put(report.scenario() + " 409/s", round(report.perSecond().get("409") / top));
                ratios.put(report.scenario() + " 2xx/s", round(report.perSecond().get("2xx") / top));
            }
        }
        return Optional.of(ratios);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
