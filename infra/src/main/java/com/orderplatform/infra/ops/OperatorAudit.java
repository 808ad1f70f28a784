package com.orderplatform.infra.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every operator action — who, what, on which target, when, and how it ended — in {@code operator_audit}. */
public class OperatorAudit {

    private static final int DETAIL_LENGTH = 2000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public OperatorAudit(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Entry(long id, Instant at, String actor, String action, String target, String outcome,
                        String detail) {
    }

    public record Page(List<Entry> items, int page, int size, long total) {
    }

    /** Written in a transaction of its own: an action's record stays even when the action failed. */
    public void record(String actor, String action, String target, String outcome, String detail) {
        jdbc.update("insert into operator_audit (at, actor, action, target, outcome, detail) values (?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()), actor, action, target, outcome,
                detail == null || detail.length() <= DETAIL_LENGTH ? detail : detail.substring(0, DETAIL_LENGTH));
    }

    /** Newest first. */
    public Page page(int page, int size) {
        List<Entry> items = jdbc.query("select id, at, actor, action, target, outcome, detail from operator_audit "
                        + "order by id desc offset ? rows fetch next ? rows only",
                (rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)),
                (long) page * size, size);
        Long total = jdbc.queryForObject("select count(*) from operator_audit", Long.class);
        return new Page(items, page, size, total == null ? 0 : total);
    }
}
