package com.orderplatform.query.order;

import com.orderplatform.api.order.DashboardSummaryView;
import com.orderplatform.api.order.DashboardSummaryView.MinuteCount;
import com.orderplatform.api.order.FindDashboardSummaryQuery;
import com.orderplatform.api.order.OrderStatus;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the dashboard figures straight from the order view; nothing here is stored twice. */
class DashboardQueries {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration STUCK_AFTER = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DashboardQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    DashboardSummaryView handle(FindDashboardSummaryQuery query) {
        Instant now = clock.instant();
        Instant firstMinute = now.truncatedTo(ChronoUnit.MINUTES).minus(WINDOW.minusMinutes(1));
        Timestamp since = Timestamp.from(firstMinute);

        Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            byStatus.put(status, 0L);
        }
        jdbc.query("select status, count(*) from order_view group by status",
                rs -> { byStatus.put(OrderStatus.valueOf(rs.getString(1)), rs.getLong(2)); });

        Map<Instant, long[]> minutes = new LinkedHashMap<>();
        for (int i = 0; i < WINDOW.toMinutes(); i++) {
            minutes.put(firstMinute.plus(i, ChronoUnit.MINUTES), new long[2]);
        }
        jdbc.query("select created_at from order_view where created_at >= ?",
                rs -> { count(minutes, rs.getTimestamp(1).toInstant(), 0); }, since);
        List<Long> latencies = new ArrayList<>();
        jdbc.query("select created_at, paid_at from order_view where paid_at >= ?", rs -> {
            Instant paid = rs.getTimestamp(2).toInstant();
            count(minutes, paid, 1);
            latencies.add(Duration.between(rs.getTimestamp(1).toInstant(), paid).toMillis());
        }, since);
        latencies.sort(null);

        Map<String, Long> revenue = new LinkedHashMap<>();
        jdbc.query("select currency, sum(total_cents) from order_view where status in ('PAID','SHIPPED','COMPLETED') "
                + "group by currency order by currency", rs -> { revenue.put(rs.getString(1), rs.getLong(2)); });

        long stuck = jdbc.queryForObject("select count(*) from order_view where status = 'PENDING' and created_at < ?",
                Long.class, Timestamp.from(now.minus(STUCK_AFTER)));

        List<MinuteCount> perMinute = minutes.entrySet().stream()
                .map(e -> new MinuteCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
        return new DashboardSummaryView(now, byStatus, perMinute, revenue, percentile(latencies, 50),
                percentile(latencies, 99), stuck, null);
    }

    private static void count(Map<Instant, long[]> minutes, Instant at, int column) {
        long[] bucket = minutes.get(at.truncatedTo(ChronoUnit.MINUTES));
        if (bucket != null) {
            bucket[column]++;
        }
    }

    /** Nearest-rank percentile; null when there is nothing to rank. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
