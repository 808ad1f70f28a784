package com.orderplatform.command.inventory;

import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.infra.gate.StockGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives back the gate's units of placements that died between their reservation and storing their order (a killed
 * instance, a commit that failed without releasing): every reservation stays pending in the gate until this finds its
 * order stored (then the ledger and the saga own its units) or releases it. A reservation is looked at once it is
 * {@code healAfter} old (2 minutes by default: a placement stores its order or fails within the group commit's wait,
 * 30 s). Releasing too early could only let the gate admit more than the ledger holds — the ledger would refuse those
 * orders (OUT_OF_STOCK) — never sell a unit twice. Every command instance heals; two doing it at once is harmless
 * (a release is idempotent per order).
 */
public class GateHealer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GateHealer.class);
    private static final int BATCH = 500;
    private static final int BATCHES_PER_PASS = 20;

    private final StockGate gate;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration after;
    private final Duration every;
    private ScheduledExecutorService timer;

    public GateHealer(StockGate gate, JdbcTemplate jdbc, Clock clock, Duration after, Duration every) {
        this.gate = gate;
        this.jdbc = jdbc;
        this.clock = clock;
        this.after = after;
        this.every = every;
    }

    /** One pass: settles the pending reservations whose order is stored, releases the others; returns how many. */
    public int heal() {
        Instant before = clock.instant().minus(after);
        int released = 0;
        for (int batch = 0; batch < BATCHES_PER_PASS; batch++) {
            List<String> pending = gate.pendingBefore(before, BATCH);
            Set<String> stored = stored(pending);
            gate.settle(stored);
            for (String orderId : pending) {
                if (stored.contains(orderId)) {
                    continue;
                }
                Set<String> skus = gate.skusOf(orderId);
                if (skus.isEmpty()) {
                    gate.settle(List.of(orderId));
                } else {
                    log.warn("Order {} reserved {} at the gate at least {} ago and was never stored: units released",
                            orderId, skus, after);
                    gate.releaseUnstored(orderId, skus);
                    released++;
                }
            }
            if (pending.size() < BATCH) {
                break;
            }
        }
        return released;
    }

    private Set<String> stored(List<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Set.of();
        }
        List<Object> args = new ArrayList<>(orderIds.size() + 1);
        args.add(OrderPlacedEvent.class.getName());
        args.addAll(orderIds);
        String marks = String.join(", ", Collections.nCopies(orderIds.size(), "?"));
        return new HashSet<>(jdbc.queryForList("select aggregate_identifier from domain_event_entry where payload_type = ?"
                + " and aggregate_identifier in (" + marks + ")", String.class, args.toArray()));
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gate-healer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                heal();
            } catch (RuntimeException e) {
                log.warn("Gate healing skipped this time: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
