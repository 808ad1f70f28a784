package com.orderplatform.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.load.CorrectnessCheck.Stock;
import com.orderplatform.load.Report.Check;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrectnessCheckTest {

    private static final Map<String, Long> STOCK = Map.of("A", 10L, "B", 5L);
    private static final Map<String, Map<String, Integer>> ACCEPTED = Map.of(
            "1", Map.of("A", 2), "2", Map.of("A", 1, "B", 1), "3", Map.of("B", 3));
    private static final Map<String, String> FINISHED = Map.of("1", "PAID", "2", "CANCELLED", "3", "PAID");
    private static final Map<String, Stock> BALANCED = Map.of("A", new Stock(8, 0, 2), "B", new Stock(2, 0, 3));

    @Test
    void aConsistentRunPassesEveryCheck() {
        assertThat(CorrectnessCheck.of(STOCK, BALANCED, ACCEPTED, FINISHED)).allMatch(Check::passed).hasSize(5);
    }

    @Test
    void anAcceptedOrderThatNeverFinishedFails() {
        List<Check> checks = CorrectnessCheck.of(STOCK, BALANCED, ACCEPTED, Map.of("1", "PAID", "2", "PENDING", "3", "PAID"));

        assertThat(failed(checks)).containsExactly("every accepted order finished");
        assertThat(checks.get(0).detail()).isEqualTo("2 of 3 finished; not: [2]");
    }

    @Test
    void anAcceptedOrderTheQuerySideNeverShowedFails() {
        List<Check> checks = CorrectnessCheck.of(STOCK, BALANCED, ACCEPTED, Map.of("1", "PAID", "3", "PAID"));

        assertThat(failed(checks)).containsExactly("every accepted order finished");
    }

    @Test
    void moreSoldThanStockFails() {
        List<Check> checks = CorrectnessCheck.of(Map.of("A", 2L), Map.of("A", new Stock(0, 0, 3)),
                Map.of("1", Map.of("A", 3)), Map.of("1", "PAID"));

        assertThat(failed(checks)).contains("units sold ≤ stock", "ledger balanced: available + reserved + sold = stock");
    }

    @Test
    void unitsSoldBeforeTheRunAreNotTheRunsPaidOrders() {
        Map<String, Stock> afterAnEarlierSale = Map.of("A", new Stock(2, 0, 8), "B", new Stock(2, 0, 3));

        assertThat(CorrectnessCheck.of(STOCK, Map.of("A", 6L), afterAnEarlierSale, ACCEPTED, FINISHED))
                .allMatch(Check::passed);
        assertThat(failed(CorrectnessCheck.of(STOCK, Map.of("A", 5L), afterAnEarlierSale, ACCEPTED, FINISHED)))
                .containsExactly("units sold = units in paid orders");
    }

    @Test
    void unitsThatAppearedOrVanishedFailTheBalance() {
        List<Check> checks = CorrectnessCheck.of(STOCK, Map.of("A", new Stock(9, 0, 2), "B", new Stock(2, 0, 3)),
                ACCEPTED, FINISHED);

        assertThat(failed(checks)).containsExactly("ledger balanced: available + reserved + sold = stock");
    }

    @Test
    void unitsStillReservedAfterEveryOrderFinishedFail() {
        List<Check> checks = CorrectnessCheck.of(STOCK, Map.of("A", new Stock(7, 1, 2), "B", new Stock(2, 0, 3)),
                ACCEPTED, FINISHED);

        assertThat(failed(checks)).containsExactly("nothing left reserved");
    }

    @Test
    void soldUnitsThatNoPaidOrderHoldsFail() {
        List<Check> checks = CorrectnessCheck.of(STOCK, Map.of("A", new Stock(7, 0, 3), "B", new Stock(2, 0, 3)),
                ACCEPTED, FINISHED);

        assertThat(failed(checks)).containsExactly("units sold = units in paid orders");
    }

    @Test
    void aSkuWithoutProductViewFails() {
        List<Check> checks = CorrectnessCheck.of(STOCK, Map.of("A", new Stock(8, 0, 2)), ACCEPTED, FINISHED);

        assertThat(failed(checks)).containsExactly("ledger balanced: available + reserved + sold = stock");
    }

    private static List<String> failed(List<Check> checks) {
        return checks.stream().filter(check -> !check.passed()).map(Check::name).toList();
    }
}
