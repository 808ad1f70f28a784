package com.orderplatform.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an order costs more on a SKU that has sold a lot: {@code sold} units (default 100,000) are sold on one SKU,
 * one unit an order, each order to its end; then the same steady load — one line of one unit, at {@code rate} for
 * {@code seconds} — runs on a new SKU and on the old one, in turns ({@code pairs} times, default 2), each run
 * reporting the server's CPU per order. The orders that sold the old SKU's units are not measured; every run's
 * checks still hold the whole ledger to account (its sold units = the units sold before it + its paid orders').
 */
final class SoldSku {

    private SoldSku() {
    }

    static List<Report> run(PlatformClient client, CpuTime cpu, Options options) {
        long sold = options.integer("sold", 100_000);
        int pairs = options.integer("pairs", 2);
        int concurrency = options.integer("concurrency", 64);
        String admin = client.token("load-admin", "ADMIN");
        String old = "SOLD-" + System.currentTimeMillis();
        long oldStock = sold + 1_000_000;
        client.defineProduct(admin, old, 1000, oldStock, 0);
        sell(client, admin, old, sold, concurrency, options.integer("users", 2000));
        List<Report> reports = new ArrayList<>();
        for (int pair = 1; pair <= pairs; pair++) {
            String fresh = "FRESH-" + System.currentTimeMillis();
            client.defineProduct(admin, fresh, 1000, 1_000_000, 0);
            reports.add(oneUnitOf(client, cpu, options, admin, fresh, 1_000_000, "fresh SKU", pair));
            reports.add(oneUnitOf(client, cpu, options, admin, old, oldStock, "SKU that sold " + soldOf(client, admin, old),
                    pair));
        }
        return reports;
    }

    private static Report oneUnitOf(PlatformClient client, CpuTime cpu, Options options, String admin, String sku,
                                    long stock, String label, int pair) {
        long soldBefore = soldOf(client, admin, sku);
        cpu.awaitQuiet(0.25, Duration.ofSeconds(2), Duration.ofMinutes(3));
        Report report = Scenarios.steadyOn(client, cpu, options, admin, Map.of(sku, stock), Map.of(sku, soldBefore),
                random -> Map.of(sku, 1));
        report.parameters().put("sku", sku);
        report.parameters().put("sold-before", soldBefore);
        report.parameters().put("pair", pair);
        return report.named("sold-sku: " + label);
    }

    /** Sells {@code units} of the SKU, one unit an order, and waits until the ledger counts them all sold. */
    private static void sell(PlatformClient client, String admin, String sku, long units, int concurrency, int users) {
        List<String> tokens = Scenarios.tokens(client, "seller", users, concurrency);
        Map<String, Map<String, Integer>> accepted = new ConcurrentHashMap<>();
        Measurements ignored = new Measurements();
        long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
        while (accepted.size() < units && System.nanoTime() < deadline) {
            long missing = units - accepted.size();
            Load.closed(concurrency, missing, Duration.ofHours(1), order -> Scenarios.place(client,
                    tokens.get((int) (order % tokens.size())), Map.of(sku, 1), "tok_ok", System.nanoTime(), ignored,
                    accepted));
        }
        while (soldOf(client, admin, sku) < accepted.size() && System.nanoTime() < deadline) {
            sleep(2000);
        }
    }

    private static long soldOf(PlatformClient client, String admin, String sku) {
        JsonNode view = client.product(admin, sku).body();
        return view == null ? 0 : view.path("sold").asLong();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
