package com.orderplatform.saga;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every order's saga as one row of {@code order_saga}: the columns an operator asks about (step, since when, the
 * command whose answer it awaits) beside the state itself as JSON. Sagas still running are kept in memory, so a
 * step reads nothing; the writes of one batch of events go out together just before the batch commits, in its
 * transaction — with the commands the saga sent and the processor's position — each an insert or an update checked
 * against the version it read. A stale copy (the order's segment moved to another instance and back) fails that
 * check: the batch rolls back, the copies it touched are forgotten, and the retry reads the rows again. That check
 * only sees a step that writes: a stale copy can also make the saga ignore an event it would have acted on (the row has
 * moved on to the step that awaits it; the copy is still in the step before), and nothing is written. So every copy
 * is forgotten whenever this process claims one of the saga's segments ({@link #forgetCached}): copies are only
 * trusted while the segments stayed here.
 */
final class OrderSagaStore {

    private static final String WRITES = OrderSagaStore.class.getName() + ".writes";
    private static final long NEW = -1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Stored> running = new ConcurrentHashMap<>();

    /** A saga as last committed: its state, the version of its row, when it entered its step, what it awaits. */
    private record Stored(OrderSagaState state, long version, Instant stepSince, String pendingCommand, int attempts,
                          Failure failure) {
    }

    /** A saga changed in the batch under way, and the version of the row it was read from. */
    private record Write(OrderSagaState state, String pendingCommand, long readVersion, Instant stepSince,
                         int attempts, Failure failure) {

        Write failing(Failure failure) {
            return new Write(state, pendingCommand, readVersion, stepSince, attempts, failure);
        }
    }

    /** Why the command of {@code step} failed for good; the saga shows step FAILED until it is re-driven or moves. */
    record Failure(OrderSagaStep step, String type, String message) {

        static final int MESSAGE_LENGTH = 1000;

        static Failure of(OrderSagaStep step, Throwable error) {
            Throwable cause = error;
            while (cause.getCause() != null && cause != cause.getCause()
                    && cause.getClass().getName().startsWith("java.util.concurrent")) {
                cause = cause.getCause();
            }
            String message = String.valueOf(cause.getMessage());
            return new Failure(step, cause.getClass().getSimpleName(),
                    message.length() <= MESSAGE_LENGTH ? message : message.substring(0, MESSAGE_LENGTH));
        }
    }

    /** A saga's row as an operator reads it. */
    record Row(OrderSagaState state, long version, Instant stepSince, String pendingCommand, int attempts,
               Failure failure) {

        /** The step shown: FAILED while the failure stands, the state's step otherwise. */
        String shownStep() {
            return failure != null ? FAILED : state.step().name();
        }
    }

    static final String FAILED = "FAILED";
    /** Every step a running saga may be shown in, as an SQL list: "not DONE" would not stay on the step index. */
    static final List<String> RUNNING_STEPS = runningSteps();
    static final String RUNNING = "step in ('" + String.join("', '", RUNNING_STEPS) + "')";

    private static List<String> runningSteps() {
        List<String> steps = new ArrayList<>();
        for (OrderSagaStep step : OrderSagaStep.values()) {
            if (step != OrderSagaStep.DONE) {
                steps.add(step.name());
            }
        }
        steps.add(FAILED);
        return List.copyOf(steps);
    }
    private static final String COLUMNS = "state, version, step_since, pending_command, attempts, failed_step, "
            + "failure_type, failure_message";

    OrderSagaStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<OrderSagaState> find(String orderId) {
        Write written = writes().get(orderId);
        if (written != null) {
            return Optional.of(written.state());
        }
        return stored(orderId).map(Stored::state);
    }

    private static boolean isCharge(OrderSagaStep step) {
        return step == OrderSagaStep.CHARGING_PAYMENT || step == OrderSagaStep.PARKED;
    }

    /**
     * Keeps the saga's new state, written when the batch commits. The command sent, if any, is remembered by name as
     * the one whose answer the saga now awaits; a step entered without one awaits nothing.
     */
    void save(OrderSagaState state, Object sent) {
        Map<String, Write> writes = writes();
        Write before = writes.get(state.orderId());
        Optional<Stored> previous = before != null
                ? Optional.of(new Stored(before.state(), before.readVersion(), before.stepSince(), before.pendingCommand(),
                        before.attempts(), before.failure()))
                : stored(state.orderId());
        boolean sameStep = previous.map(p -> p.state().step() == state.step()).orElse(false);
        // A charge parked and resumed (the provider's breaker probing) is one charge still waiting: it keeps the time
        // its charge began, so that the maximum park and the charge deadline count from there, not from the last probe.
        boolean sameCharge = previous.map(p -> isCharge(p.state().step()) && isCharge(state.step())).orElse(false);
        Instant stepSince = sameStep || sameCharge ? previous.get().stepSince() : clock.instant();
        String pendingCommand = sent != null ? sent.getClass().getSimpleName()
                : sameStep ? previous.get().pendingCommand() : null;
        int attempts = sameStep ? previous.get().attempts() + (sent != null ? 1 : 0) : 1;
        // A command sent again in the same step is a new attempt: the failure of the last one no longer stands.
        Failure failure = sameStep && sent == null ? previous.get().failure() : null;
        writes.put(state.orderId(), new Write(state, pendingCommand, previous.map(Stored::version).orElse(NEW),
                stepSince, attempts, failure));
    }

    /**
     * The command the saga sent in {@code step} failed for good. In the batch that sent it, the failure joins the
     * saga's write; later (after the gateway's retries) it is written at once, unless the saga has left the step.
     */
    void failed(String orderId, OrderSagaStep step, Throwable error) {
        Failure failure = Failure.of(step, error);
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, Write> writes = writes();
            Write write = writes.get(orderId);
            if (write != null && write.state().step() == step) {
                writes.put(orderId, write.failing(failure));
            }
            return;
        }
        jdbc.update("update order_saga set step = ?, failed_step = ?, failure_type = ?, failure_message = ?, "
                        + "version = version + 1 where order_id = ? and step = ?", FAILED, step.name(), failure.type(),
                failure.message(), orderId, step.name());
        running.remove(orderId);
    }

    /** True when the command of the saga's step failed for good and nothing has moved it since. */
    boolean hasFailed(String orderId) {
        Write written = writes().get(orderId);
        if (written != null) {
            return written.failure() != null;
        }
        return stored(orderId).map(stored -> stored.failure() != null).orElse(false);
    }

    /** The saga's row as committed, read from the table (not from the saga's memory). */
    Optional<Row> row(String orderId) {
        return jdbc.query("select " + COLUMNS + " from order_saga where order_id = ?", (rs, n) -> row(rs), orderId)
                .stream().findFirst();
    }

    /** A page of sagas shown in {@code step} (every step but DONE when null) since before {@code enteredBefore}, oldest first. */
    List<Row> rows(String step, Instant enteredBefore, int page, int size) {
        String where = step == null ? RUNNING : "step = ?";
        List<Object> args = new ArrayList<>();
        if (step != null) {
            args.add(step);
        }
        args.add(Timestamp.from(enteredBefore));
        args.add((long) page * size);
        args.add(size);
        return jdbc.query("select " + COLUMNS + " from order_saga where " + where + " and step_since <= ? "
                + "order by step_since, order_id offset ? rows fetch next ? rows only", (rs, n) -> row(rs), args.toArray());
    }

    /**
     * Marks the saga as re-driven by an operator: the failure cleared, one attempt more. False when the row changed
     * since {@code version} was read (the saga moved on, or another re-drive came first).
     */
    boolean redriven(String orderId, long version) {
        int updated = jdbc.update("update order_saga set step = coalesce(failed_step, step), failed_step = null, "
                + "failure_type = null, failure_message = null, attempts = attempts + 1, version = version + 1 "
                + "where order_id = ? and version = ?", orderId, version);
        running.remove(orderId);
        return updated == 1;
    }

    private static Row row(ResultSet rs) throws SQLException {
        String failedStep = rs.getString(6);
        Failure failure = failedStep == null ? null
                : new Failure(OrderSagaStep.valueOf(failedStep), rs.getString(7), rs.getString(8));
        return new Row(read(rs.getString(1)), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                rs.getInt(5), failure);
    }

    /** Sagas in the step since before the given moment, oldest first. */
    List<OrderSagaState> inStepSince(OrderSagaStep step, Instant before, int limit) {
        return jdbc.query("select state from order_saga where step = ? and step_since < ? order by step_since "
                + "fetch first ? rows only", (rs, n) -> read(rs.getString(1)), step.name(), Timestamp.from(before), limit);
    }

    /** This process has (re)claimed a segment: another may have moved its sagas meanwhile; read them again. */
    void forgetCached() {
        running.clear();
    }

    private Optional<Stored> stored(String orderId) {
        Stored cached = running.get(orderId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Stored> loaded = row(orderId).map(row -> new Stored(row.state(), row.version(), row.stepSince(),
                row.pendingCommand(), row.attempts(), row.failure()));
        loaded.filter(stored -> stored.state().step() != OrderSagaStep.DONE)
                .ifPresent(stored -> running.put(orderId, stored));
        return loaded;
    }

    private Map<String, Write> writes() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(WRITES, key -> {
            Map<String, Write> writes = new LinkedHashMap<>();
            batch.onPrepareCommit(u -> flush(writes));
            batch.afterCommit(u -> writes.forEach(this::remember));
            batch.onRollback(u -> writes.keySet().forEach(running::remove));
            return writes;
        });
    }

    private void flush(Map<String, Write> writes) {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        writes.forEach((orderId, write) -> {
            Timestamp since = Timestamp.from(write.stepSince());
            String state = json(write.state());
            Failure failure = write.failure();
            String step = failure != null ? FAILED : write.state().step().name();
            String failedStep = failure != null ? failure.step().name() : null;
            String failureType = failure != null ? failure.type() : null;
            String failureMessage = failure != null ? failure.message() : null;
            if (write.readVersion() == NEW) {
                inserts.add(new Object[]{orderId, step, since, write.pendingCommand(), state, write.attempts(),
                        failedStep, failureType, failureMessage});
            } else {
                updates.add(new Object[]{step, since, write.pendingCommand(), state, write.attempts(), failedStep,
                        failureType, failureMessage, write.readVersion() + 1, orderId, write.readVersion()});
            }
        });
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("insert into order_saga (order_id, step, step_since, pending_command, state, attempts, "
                    + "failed_step, failure_type, failure_message, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", inserts);
        }
        if (!updates.isEmpty()) {
            int[] counts = jdbc.batchUpdate("update order_saga set step = ?, step_since = ?, pending_command = ?, "
                    + "state = ?, attempts = ?, failed_step = ?, failure_type = ?, failure_message = ?, version = ? "
                    + "where order_id = ? and version = ?", updates);
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new ConcurrencyException("order saga " + updates.get(i)[9] + " changed since it was read");
                }
            }
        }
    }

    private void remember(String orderId, Write write) {
        if (write.state().step() == OrderSagaStep.DONE) {
            running.remove(orderId);
        } else {
            running.put(orderId, new Stored(write.state(), write.readVersion() + 1, write.stepSince(),
                    write.pendingCommand(), write.attempts(), write.failure()));
        }
    }

    private static String json(OrderSagaState state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OrderSagaState read(String state) {
        try {
            return JSON.readValue(state, OrderSagaState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable order saga state: " + state, e);
        }
    }
}
