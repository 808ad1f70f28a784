package com.orderplatform.query.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.DashboardSummaryView;
import com.orderplatform.api.order.DashboardSummaryView.MinuteCount;
import com.orderplatform.api.order.FindDashboardSummaryQuery;
import com.orderplatform.api.order.OrderCancelledEvent;
import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.order.OrderShippedEvent;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.infra.axon.ViewUpdates;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=create-drop")
class DashboardQueriesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:30Z");

    @Autowired
    OrderViewRepository repository;
    @Autowired
    TestEntityManager entities;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;
    private OrderProjection projection;
    private DashboardSummaryView summary;

    private void placed(String id, String at, long cents, String currency) {
        projection.on(new OrderPlacedEvent(id, "u", List.of(new OrderLine("SKU-1", 1, cents)), cents, currency, "tok_ok"),
                0, Instant.parse(at), ReplayStatus.REGULAR);
    }

    private void paid(String id, String at) {
        projection.on(new OrderConfirmedEvent(id, "u", 0, "EUR"), 1, Instant.parse(at), ReplayStatus.REGULAR);
    }

    @BeforeEach
    void knownOrders() {
        projection = new OrderProjection(repository, SimpleQueryUpdateEmitter.builder().build(),
                new ViewUpdates(transactions, Clock.systemUTC()));
        placed("A", "2026-11-25T11:50:10Z", 1000, "EUR");
        paid("A", "2026-11-25T11:50:11Z");
        placed("B", "2026-11-25T11:58:00Z", 500, "EUR");
        paid("B", "2026-11-25T11:58:00.200Z");
        projection.on(new OrderShippedEvent("B", "u"), 2, Instant.parse("2026-11-25T11:59:00Z"), ReplayStatus.REGULAR);
        placed("C", "2026-11-25T11:59:00Z", 300, "EUR");
        projection.on(new OrderCancelledEvent("C", "u", CancelReason.PAYMENT_DECLINED), 1, Instant.parse("2026-11-25T11:59:01Z"), ReplayStatus.REGULAR);
        placed("D", "2026-11-25T11:40:00Z", 100, "EUR");
        placed("E", "2026-11-25T12:00:00Z", 100, "EUR");
        placed("F", "2026-11-25T11:20:00Z", 700, "USD");
        paid("F", "2026-11-25T11:20:05Z");
        entities.flush();
        summary = new DashboardQueries(jdbc, Clock.fixed(NOW, ZoneOffset.UTC)).handle(new FindDashboardSummaryQuery());
    }

    @Test
    void countsOrdersByStatus() {
        assertThat(summary.ordersByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(
                OrderStatus.PENDING, 2L, OrderStatus.PAID, 2L, OrderStatus.SHIPPED, 1L, OrderStatus.CANCELLED, 1L,
                OrderStatus.COMPLETED, 0L));
    }

    @Test
    void countsPlacedAndPaidPerMinuteOverTheLastFifteenMinutes() {
        assertThat(summary.lastFifteenMinutes()).hasSize(15);
        assertThat(summary.lastFifteenMinutes().get(0).minute()).isEqualTo(Instant.parse("2026-11-25T11:46:00Z"));
        assertThat(summary.lastFifteenMinutes()).filteredOn(m -> m.placed() + m.paid() > 0).containsExactly(
                new MinuteCount(Instant.parse("2026-11-25T11:50:00Z"), 1, 1),
                new MinuteCount(Instant.parse("2026-11-25T11:58:00Z"), 1, 1),
                new MinuteCount(Instant.parse("2026-11-25T11:59:00Z"), 1, 0),
                new MinuteCount(Instant.parse("2026-11-25T12:00:00Z"), 1, 0));
    }

    @Test
    void revenueCountsPaidOrdersThatWereNotCancelledPerCurrency() {
        assertThat(summary.revenueCents()).containsExactlyInAnyOrderEntriesOf(Map.of("EUR", 1500L, "USD", 700L));
    }

    @Test
    void placeToPaidLatencyIsOverOrdersPaidInTheWindow() {
        assertThat(summary.placeToPaidMillisP50()).isEqualTo(200);
        assertThat(summary.placeToPaidMillisP99()).isEqualTo(1000);
    }

    @Test
    void countsOrdersStillPendingAfterFiveMinutes() {
        assertThat(summary.unfinishedAfter5Minutes()).isEqualTo(1);
    }

    @Test
    void percentilesUseTheNearestRank() {
        List<Long> hundred = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();

        assertThat(DashboardQueries.percentile(hundred, 50)).isEqualTo(50);
        assertThat(DashboardQueries.percentile(hundred, 99)).isEqualTo(99);
        assertThat(DashboardQueries.percentile(List.of(), 99)).isNull();
    }
}
