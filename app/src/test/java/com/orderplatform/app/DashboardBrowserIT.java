package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in a real browser (Debian's headless Chromium through its chromedriver): signed in with the
 * local default's dev token button, it follows the summary API while orders are placed. {@code .ci/run} installs
 * Chromium; elsewhere the test is skipped when it is missing, in CI it fails.
 */
class DashboardBrowserIT {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String SKU = "DASH-1";
    private static RunningApp app;
    private static WebDriver browser;

    @BeforeAll
    static void open() {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
        }
        assumeTrue(installed, "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        app = SharedApp.get();
        app.defineProduct(SKU, 1_500, 50, 0);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build(),
                options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardFollowsTheSummaryWhileOrdersArePlaced() throws IOException {
        browser.get(app.baseUrl() + "/dashboard");
        browser.findElement(By.id("dev-token")).click();
        // The dashboard redraws its tables on every refresh: an element read across a redraw is stale, read it again.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(page -> !text("status-PAID").equals("–") && !text("status-PAID").isEmpty());

        String buyer = app.customer("dash-buyer");
        List<String> orders = IntStream.range(0, 5).mapToObj(i -> app.placeOrderId(buyer, "tok_ok", SKU, 1)).toList();
        orders.forEach(order -> awaitTerminal(app, buyer, order, Duration.ofSeconds(10)));

        wait.until(page -> numberOn("status-PAID") == summary().at("/ordersByStatus/PAID").asLong());
        assertThat(numberOn("status-PAID")).isGreaterThanOrEqualTo(5);
        wait.until(page -> !text("p50").equals("–"));
        JsonNode summary = summary();
        assertThat(numberOn("p99")).isPositive();
        assertThat(numberOn("p50")).isLessThanOrEqualTo(numberOn("p99"));
        long paidThisMinute = summary.get("lastFifteenMinutes").findValues("paid").stream()
                .mapToLong(JsonNode::asLong).sum();
        assertThat(paidThisMinute).isGreaterThanOrEqualTo(5);
        wait.until(page -> !page.findElements(By.cssSelector("#stock tr[data-key='" + SKU + "']")).isEmpty()
                && numberIn("#stock tr[data-key='" + SKU + "'] .available") == 45);
        String drift = wait.until(page -> page.findElement(
                By.cssSelector("#stock tr[data-key='" + SKU + "'] .drift-cell")).getText());
        assertThat(drift).isEqualTo("in sync");
        wait.until(page -> !page.findElements(By.cssSelector("#processors tr[data-key='order-view']")).isEmpty());
        List<String> running = new java.util.ArrayList<>();
        summary().get("sagasByStep").fieldNames().forEachRemaining(running::add);
        List<String> steps = wait.until(page -> page.findElements(By.cssSelector("#sagas tr")).stream()
                .map(row -> row.getDomAttribute("data-key")).toList());
        assertThat(steps).isEqualTo(running.isEmpty() ? List.of("none") : running);
        assertThat(text("error")).isEmpty();

        Path shot = browser instanceof ChromeDriver chrome ? chrome.getScreenshotAs(OutputType.FILE).toPath() : null;
        assertThat(shot).isNotNull();
        Path target = Path.of("target", "dashboard.png");
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(10_000);
    }

    private static JsonNode summary() {
        return app.get("/api/dashboard/summary", app.admin()).json();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static long numberOn(String id) {
        return parse(text(id));
    }

    private static long numberIn(String css) {
        return parse(browser.findElement(By.cssSelector(css)).getText().trim());
    }

    private static long parse(String shown) {
        String digits = shown.replace(",", "");
        return digits.matches("-?[0-9]+") ? Long.parseLong(digits) : Long.MIN_VALUE;
    }
}
