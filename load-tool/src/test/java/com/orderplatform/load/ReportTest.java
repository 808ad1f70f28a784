package com.orderplatform.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.orderplatform.load.Report.Check;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final long TWO_SECONDS = TimeUnit.SECONDS.toNanos(2);

    @Test
    void ratesAreCountsPerSecondByOutcomeAndInAll() {
        Report report = Report.of("flash-sale", Map.of(), TWO_SECONDS,
                Map.of(Outcome.ACCEPTED, 200L, Outcome.REJECTED, 1800L, Outcome.SERVER_ERROR, 1L),
                millis(1, 100), new Histogram(3), List.of());

        assertThat(report.requests()).isEqualTo(2001);
        assertThat(report.counts()).containsEntry("2xx", 200L).containsEntry("409", 1800L)
                .containsEntry("429", 0L).containsEntry("5xx", 1L);
        assertThat(report.perSecond()).containsEntry("2xx", 100.0).containsEntry("409", 900.0)
                .containsEntry("5xx", 0.5).containsEntry("all", 1000.5);
        assertThat(report.seconds()).isEqualTo(2.0);
    }

    @Test
    void latencyPercentilesAreInMillisecondsFromTheRecordedMicroseconds() {
        Report report = Report.of("steady", Map.of(), TWO_SECONDS, Map.of(Outcome.ACCEPTED, 100L),
                millis(1, 100), millis(200, 300), List.of());

        assertThat(report.latencyMillis().samples()).isEqualTo(100);
        assertThat(report.latencyMillis().p50()).isCloseTo(50.0, within(0.1));
        assertThat(report.latencyMillis().p95()).isCloseTo(95.0, within(0.1));
        assertThat(report.latencyMillis().p99()).isCloseTo(99.0, within(0.1));
        assertThat(report.latencyMillis().max()).isCloseTo(100.0, within(0.1));
        assertThat(report.placeToPaidMillis().p50()).isCloseTo(250.0, within(0.3));
        assertThat(report.placeToPaidMillis().p99()).isCloseTo(299.0, within(0.3));
    }

    @Test
    void oneFailedCheckFailsTheRunWhateverItsSpeed() {
        Report report = Report.of("flash-sale", Map.of(), TWO_SECONDS, Map.of(Outcome.ACCEPTED, 1_000_000L),
                millis(1, 2), new Histogram(3),
                List.of(new Check("units sold ≤ stock", false, "SKU sold 201 of 200"), new Check("other", true, "")));

        assertThat(report.verdict()).isEqualTo("FAIL");
        assertThat(report.summary()).contains("FAIL").contains("[FAILED] units sold ≤ stock — SKU sold 201 of 200");
    }

    @Test
    void aRunWithoutRequestsHasNoRatesAndNoLatency() {
        Report report = Report.of("ceiling", Map.of(), 0, Map.of(), new Histogram(3), new Histogram(3), List.of());

        assertThat(report.perSecond()).containsEntry("all", 0.0);
        assertThat(report.latencyMillis().samples()).isZero();
        assertThat(report.verdict()).isEqualTo("PASS");
    }

    @Test
    void placementRatesAreComparedWithTheCeiling() {
        Report ceiling = Report.of("ceiling", Map.of(), TWO_SECONDS, Map.of(Outcome.ACCEPTED, 8000L),
                new Histogram(3), new Histogram(3), List.of());
        Report flashSale = Report.of("flash-sale", Map.of(), TWO_SECONDS,
                Map.of(Outcome.ACCEPTED, 400L, Outcome.REJECTED, 3600L), new Histogram(3), new Histogram(3), List.of());

        assertThat(LoadTool.ratios(List.of(ceiling, flashSale))).isEqualTo(
                Map.of("flash-sale 409/s", 0.45, "flash-sale 2xx/s", 0.05));
    }

    private static Histogram millis(int from, int to) {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        for (int ms = from; ms <= to; ms++) {
            histogram.recordValue(ms * 1000L);
        }
        return histogram;
    }
}
