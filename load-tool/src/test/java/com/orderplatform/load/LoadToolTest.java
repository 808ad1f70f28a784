package com.orderplatform.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadToolTest {

    private static Report run(String scenario, double serverMillisPerOrder, long placeToPaidMillis) {
        Histogram placeToPaid = new Histogram(3);
        placeToPaid.recordValue(TimeUnit.MILLISECONDS.toMicros(placeToPaidMillis));
        return Report.of(scenario, Map.of(), TimeUnit.SECONDS.toNanos(1), Map.of(Outcome.ACCEPTED, 10L),
                        new Histogram(3), placeToPaid, List.of())
                .withOrders(10, new CpuTime.Usage(10, 0.5, serverMillisPerOrder, 0.1, 1.0));
    }

    @Test
    void everyOrdinaryDayIsComparedWithTheLastBurstPerOrder() {
        List<Report> reports = List.of(run("everyday", 30, 900), run("accepted", 8, 5000), run("accepted", 5, 5000),
                run("everyday", 6, 200));

        Map<String, Double> figures = LoadTool.everydayToBurst(reports);

        assertThat(figures).containsEntry("burst server ms per order", 5.0)
                .containsEntry("everyday 1 server ms per order", 30.0).containsEntry("everyday 1 ÷ burst", 6.0)
                .containsEntry("everyday 2 ÷ burst", 1.2);
        assertThat(figures.get("everyday 2 place→PAID p99 ms")).isCloseTo(200.0, within(0.5));
    }

    @Test
    void withoutABurstThereIsNothingToCompareWith() {
        assertThat(LoadTool.everydayToBurst(List.of(run("everyday", 30, 900)))).isEmpty();
    }
}
