package com.orderplatform.command.payment;

import com.orderplatform.api.payment.ResumePaymentCommand;
import com.orderplatform.infra.axon.GroupCommit;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Charges parked while the provider could not be reached, in {@code parked_payment} (each row written in the
 * transaction of its PaymentParked event) — and refunds it could not be reached for (their payment stays refund
 * requested; no event) — and the resumer that requests them again once the provider's breaker lets calls through: a few at a time while it is half open (the probes that close it), then {@code perSecond}, oldest
 * first, so that a provider that just came back is not stampeded. A parked charge that the saga expires meanwhile
 * (its maximum park) is not requested again: the payment ignores a resume unless it is parked.
 */
class ParkedPayments implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ParkedPayments.class);
    private static final long TICK_MILLIS = 500;
    private static final int PROBES = 3;

    private final JdbcTemplate jdbc;
    private final GroupCommit commits;
    private final CircuitBreakingPaymentGateway provider;
    private final Clock clock;
    private final int perTick;
    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parked-payments");
        thread.setDaemon(true);
        return thread;
    });

    ParkedPayments(JdbcTemplate jdbc, GroupCommit commits, CircuitBreakingPaymentGateway provider, Clock clock,
                   int perSecond) {
        this.jdbc = jdbc;
        this.commits = commits;
        this.provider = provider;
        this.clock = clock;
        this.perTick = Math.max(1, (int) (perSecond * TICK_MILLIS / 1000));
    }

    void start() {
        resumer.scheduleWithFixedDelay(this::resumeSafely, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Parks the order's charge; runs in the transaction that records its PaymentParked event. */
    void park(String orderId) {
        jdbc.update("delete from parked_payment where order_id = ?", orderId);
        jdbc.update("insert into parked_payment (order_id, parked_at) values (?, ?)", orderId,
                Timestamp.from(clock.instant()));
    }

    /** Requests again as many parked charges as the breaker allows now; returns how many. */
    int resume() {
        CircuitBreaker.State state = provider.breaker().getState();
        if (state != CircuitBreaker.State.CLOSED && state != CircuitBreaker.State.HALF_OPEN) {
            return 0;
        }
        int limit = state == CircuitBreaker.State.HALF_OPEN ? PROBES : perTick;
        List<String> oldest = jdbc.queryForList("select order_id from parked_payment order by parked_at, order_id "
                + "fetch first ? rows only", String.class, limit);
        for (String orderId : oldest) {
            commits.sendAndWait(new ResumePaymentCommand(orderId),
                    () -> jdbc.update("delete from parked_payment where order_id = ?", orderId));
        }
        return oldest.size();
    }

    private void resumeSafely() {
        try {
            int resumed = resume();
            if (resumed > 0) {
                log.info("Requested {} parked charges again (payment provider circuit {})", resumed, provider.breaker().getState());
            }
        } catch (RuntimeException e) {
            log.warn("Could not resume parked charges; trying again shortly", e);
        }
    }

    @Override
    public void close() {
        resumer.shutdownNow();
    }
}
