package com.orderplatform.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one scenario did: requests per second by outcome, the latency of the measured request in milliseconds,
 * place→PAID latency and orders paid per second where orders were placed, the CPU each request (and each order, to
 * its end) cost the tool and the server, and the correctness checks. A failed check fails the run.
 */
public record Report(
        String scenario,
        Map<String, Object> parameters,
        double seconds,
        long requests,
        Map<String, Long> counts,
        Map<String, Double> perSecond,
        Latency latencyMillis,
        Latency placeToPaidMillis,
        Double paidPerSecond,
        CpuTime.Usage cpuPerRequest,
        CpuTime.Usage cpuPerOrder,
        List<Check> checks,
        String verdict,
        List<Windows.Window> windows) {

    public record Latency(long samples, double p50, double p95, double p99, double max) {

        static Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0);
            }
            return new Latency(micros.getTotalCount(), millis(micros.getValueAtPercentile(50)),
                    millis(micros.getValueAtPercentile(95)), millis(micros.getValueAtPercentile(99)),
                    millis(micros.getMaxValue()));
        }

        private static double millis(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }

    public record Check(String name, boolean passed, String detail) {
    }

    public static Report of(String scenario, Map<String, Object> parameters, long elapsedNanos,
                            Map<Outcome, Long> counts, Histogram latencyMicros, Histogram placeToPaidMicros,
                            List<Check> checks) {
        double seconds = elapsedNanos / 1e9;
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        long requests = 0;
        for (Outcome outcome : Outcome.values()) {
            long count = counts.getOrDefault(outcome, 0L);
            requests += count;
            byOutcome.put(outcome.label(), count);
            rates.put(outcome.label(), rate(count, seconds));
        }
        rates.put("all", rate(requests, seconds));
        boolean passed = checks.stream().allMatch(Check::passed);
        return new Report(scenario, parameters, Math.round(seconds * 1000) / 1000.0, requests, byOutcome, rates,
                Latency.of(latencyMicros), Latency.of(placeToPaidMicros), null, null, null, checks,
                passed ? "PASS" : "FAIL", null);
    }

    Report withCpu(CpuTime.Usage perRequest) {
        return new Report(scenario, parameters, seconds, requests, counts, perSecond, latencyMillis, placeToPaidMillis,
                paidPerSecond, perRequest, cpuPerOrder, checks, verdict, windows);
    }

    Report withOrders(double paid, CpuTime.Usage perOrder) {
        return new Report(scenario, parameters, seconds, requests, counts, perSecond, latencyMillis, placeToPaidMillis,
                paid, cpuPerRequest, perOrder, checks, verdict, windows);
    }

    Report withWindows(List<Windows.Window> perWindow) {
        return new Report(scenario, parameters, seconds, requests, counts, perSecond, latencyMillis, placeToPaidMillis,
                paidPerSecond, cpuPerRequest, cpuPerOrder, checks, verdict, perWindow);
    }

    Report named(String name) {
        return new Report(name, parameters, seconds, requests, counts, perSecond, latencyMillis, placeToPaidMillis,
                paidPerSecond, cpuPerRequest, cpuPerOrder, checks, verdict, windows);
    }

    private static void cpu(StringBuilder text, String unit, CpuTime.Usage usage) {
        if (usage == null) {
            return;
        }
        text.append(String.format("  CPU ms per %-7s tool %s  server %s  (cores busy: tool %s, server %s)%n", unit,
                usage.clientMillis(), usage.serverMillis() == null ? "?" : usage.serverMillis(), usage.clientCores(),
                usage.serverCores() == null ? "?" : usage.serverCores()));
    }

    private static double rate(long count, double seconds) {
        return seconds <= 0 ? 0 : Math.round(count / seconds * 10) / 10.0;
    }

    public boolean passed() {
        return verdict.equals("PASS");
    }

    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s — %s in %.1f s: %d requests, %.1f/s%n", scenario, verdict, seconds, requests,
                perSecond.get("all")));
        counts.forEach((label, count) -> text.append(String.format("  %-6s %8d  %10.1f/s%n", label, count,
                perSecond.get(label))));
        text.append(String.format("  latency ms      p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n", latencyMillis.p50(),
                latencyMillis.p95(), latencyMillis.p99(), latencyMillis.max()));
        if (placeToPaidMillis.samples() > 0) {
            text.append(String.format("  place→PAID ms   p50 %.2f  p99 %.2f  (%d orders, %.1f PAID/s)%n",
                    placeToPaidMillis.p50(), placeToPaidMillis.p99(), placeToPaidMillis.samples(),
                    paidPerSecond == null ? 0 : paidPerSecond));
        }
        cpu(text, "request", cpuPerRequest);
        cpu(text, "order", cpuPerOrder);
        if (windows != null && windows.size() > 1) {
            for (Windows.Window window : windows) {
                text.append(String.format("  from %5.0f s: %6d orders, server %s ms per order, place→PAID p50 %.0f p99 %.0f ms%n",
                        window.fromSecond(), window.orders(), window.serverMillisPerOrder(), window.placeToPaidP50(),
                        window.placeToPaidP99()));
            }
        }
        for (Check check : checks) {
            text.append(String.format("  [%s] %s — %s%n", check.passed() ? "ok" : "FAILED", check.name(), check.detail()));
        }
        return text.toString();
    }
}
