package com.orderplatform.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.app.support.SharedApp;
import com.orderplatform.load.LoadTool;
import com.orderplatform.load.Report;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load tool against the real application, small: its counts and its correctness checks must add up. */
class LoadToolIT {

    @Test
    void aSmallFlashSaleSellsExactlyTheStockAndPassesItsChecks() {
        Report report = only(LoadTool.run("flash-sale", Map.of("base-url", SharedApp.get().baseUrl(),
                "users", "60", "stock", "20", "concurrency", "8", "finish-within", "60", "warmup-seconds", "0")));

        assertThat(report.verdict()).as(report.summary()).isEqualTo("PASS");
        assertThat(report.counts()).containsEntry("2xx", 20L).containsEntry("409", 40L).containsEntry("5xx", 0L);
        assertThat(report.placeToPaidMillis().samples()).isEqualTo(20);
        assertThat(report.checks()).hasSize(5).allMatch(Report.Check::passed);
    }

    @Test
    void aShortSteadyRunFinishesEveryAcceptedOrder() {
        Report report = only(LoadTool.run("steady", Map.of("base-url", SharedApp.get().baseUrl(),
                "rate", "10", "seconds", "3", "users", "10", "finish-within", "60", "warmup-seconds", "0")));

        assertThat(report.verdict()).as(report.summary()).isEqualTo("PASS");
        assertThat(report.counts().get("2xx")).isEqualTo(30L);
        assertThat(report.parameters()).containsEntry("arrivals", 30L).containsEntry("dropped-by-client", 0L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCeilingIsMeasuredOnTheTrivialEndpointAfterAnUncountedWarmUp() {
        Map<String, Object> result = LoadTool.run("ceiling", Map.of("base-url", SharedApp.get().baseUrl(),
                "concurrency", "4", "seconds", "2", "warmup-seconds", "1"));
        Report report = only(result);

        assertThat(report.verdict()).as(report.summary()).isEqualTo("PASS");
        assertThat(report.counts().get("2xx")).isPositive().isEqualTo(report.requests());
        List<Report> warmUp = (List<Report>) result.get("warmUp");
        assertThat(warmUp).extracting(Report::scenario).containsExactly("ceiling", "flash-sale");
        assertThat(warmUp).allMatch(Report::passed);
        assertThat(warmUp.get(1).counts()).containsEntry("2xx", 10L).containsEntry("409", 90L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void coldStartRunsTheSameTimedCrowdBeforeAndAfterItsWarmUpWithTokensItSignedItself() {
        Map<String, Object> result = LoadTool.run("cold-start", Map.of("base-url", SharedApp.get().baseUrl(),
                "jwt-secret", "local-development-secret-never-use-in-production", "seconds", "2", "window", "1",
                "buyers", "5", "concurrency", "2", "warmup-seconds", "1", "finish-within", "60"));
        List<Report> reports = (List<Report>) result.get("reports");

        assertThat(reports).extracting(Report::scenario).containsExactly("cold", "warm");
        for (Report report : reports) {
            assertThat(report.verdict()).as(report.summary()).isEqualTo("PASS");
            assertThat(report.counts().get("2xx")).as("placements accepted with the tool's own tokens")
                    .isPositive().isEqualTo(report.requests());
        }
        assertThat((Map<String, Double>) result.get("coldToWarm"))
                .containsKeys("cold 2xx/s ÷ warm 2xx/s", "cold first window orders/s ÷ warm 2xx/s");
    }

    @SuppressWarnings("unchecked")
    private static Report only(Map<String, Object> result) {
        List<Report> reports = (List<Report>) result.get("reports");
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }
}
