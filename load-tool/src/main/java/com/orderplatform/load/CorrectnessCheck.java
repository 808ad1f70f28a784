package com.orderplatform.load;

import com.orderplatform.load.Report.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What must hold after any run, however fast: nothing oversold, nothing lost, the ledger balanced. */
public final class CorrectnessCheck {

    private static final Set<String> FINISHED = Set.of("PAID", "CANCELLED", "SHIPPED", "COMPLETED");

    /** A SKU's stock as the product view shows it after the run. */
    public record Stock(long available, long reserved, long sold) {
    }

    private CorrectnessCheck() {
    }

    public static List<Check> of(Map<String, Long> initialStock, Map<String, Stock> finalStock,
                                 Map<String, Map<String, Integer>> accepted, Map<String, String> finalStatus) {
        return of(initialStock, Map.of(), finalStock, accepted, finalStatus);
    }

    /**
     * @param initialStock  units each SKU was defined with (restocks included)
     * @param soldBefore    units of a SKU already sold when the run started (absent: none)
     * @param finalStock    the product view of each SKU once every order finished (or the wait gave up)
     * @param accepted      every order answered 202 in the run, with its quantity per SKU
     * @param finalStatus   the last status seen for each accepted order (absent: never seen)
     */
    public static List<Check> of(Map<String, Long> initialStock, Map<String, Long> soldBefore,
                                 Map<String, Stock> finalStock, Map<String, Map<String, Integer>> accepted,
                                 Map<String, String> finalStatus) {
        List<Check> checks = new ArrayList<>();
        List<String> unfinished = accepted.keySet().stream()
                .filter(orderId -> !isFinished(finalStatus.getOrDefault(orderId, "")))
                .sorted().toList();
        checks.add(new Check("every accepted order finished", unfinished.isEmpty(),
                (accepted.size() - unfinished.size()) + " of " + accepted.size() + " finished"
                        + (unfinished.isEmpty() ? "" : "; not: " + unfinished.subList(0, Math.min(5, unfinished.size())))));

        Map<String, Long> soldByPaidOrders = new TreeMap<>();
        accepted.forEach((orderId, lines) -> {
            if (isSold(finalStatus.get(orderId))) {
                lines.forEach((sku, quantity) -> soldByPaidOrders.merge(sku, (long) quantity, Long::sum));
            }
        });
        List<String> oversold = new ArrayList<>();
        List<String> unbalanced = new ArrayList<>();
        List<String> stillHeld = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Long> entry : new TreeMap<>(initialStock).entrySet()) {
            String sku = entry.getKey();
            long initial = entry.getValue();
            Stock stock = finalStock.get(sku);
            if (stock == null) {
                unbalanced.add(sku + " (no product view)");
                continue;
            }
            if (stock.sold() > initial) {
                oversold.add(sku + " sold " + stock.sold() + " of " + initial);
            }
            if (stock.available() + stock.reserved() + stock.sold() != initial) {
                unbalanced.add(sku + " " + stock + " ≠ " + initial);
            }
            if (stock.reserved() != 0) {
                stillHeld.add(sku + " reserved " + stock.reserved());
            }
            long paid = soldByPaidOrders.getOrDefault(sku, 0L);
            long before = soldBefore.getOrDefault(sku, 0L);
            if (stock.sold() - before != paid) {
                mismatched.add(sku + " sold " + (stock.sold() - before) + (before > 0 ? " more than the " + before
                        + " before the run" : "") + ", paid orders hold " + paid);
            }
        }
        checks.add(check("units sold ≤ stock", oversold, initialStock.size() + " SKUs"));
        checks.add(check("ledger balanced: available + reserved + sold = stock", unbalanced, initialStock.size() + " SKUs"));
        checks.add(check("nothing left reserved", stillHeld, "reserved 0 everywhere"));
        checks.add(check("units sold = units in paid orders", mismatched, "sold " + soldByPaidOrders));
        return checks;
    }

    /** An order in a state it leaves only by a later business step (shipping, a customer's cancellation). */
    static boolean isFinished(String status) {
        return FINISHED.contains(status);
    }

    private static boolean isSold(String status) {
        return "PAID".equals(status) || "SHIPPED".equals(status) || "COMPLETED".equals(status);
    }

    private static Check check(String name, List<String> problems, String whenFine) {
        return new Check(name, problems.isEmpty(), problems.isEmpty() ? whenFine : String.join("; ", problems));
    }
}
