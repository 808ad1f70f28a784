package com.orderplatform.saga;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * check: the batch rolls back, the copies it touched are forgotten, and the retry reads the rows again.
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
    private record Stored(OrderSagaState state, long version, Instant stepSince, String pendingCommand) {
    }

    /** A saga changed in the batch under way, and the version of the row it was read from. */
    private record Write(OrderSagaState state, String pendingCommand, long readVersion, Instant stepSince) {
    }

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

    /**
     * Keeps the saga's new state, written when the batch commits. The command sent, if any, is remembered by name as
     * the one whose answer the saga now awaits; a step entered without one awaits nothing.
     */
    void save(OrderSagaState state, Object sent) {
        Map<String, Write> writes = writes();
        Write before = writes.get(state.orderId());
        Optional<Stored> previous = before != null
                ? Optional.of(new Stored(before.state(), before.readVersion(), before.stepSince(), before.pendingCommand()))
                : stored(state.orderId());
        boolean sameStep = previous.map(p -> p.state().step() == state.step()).orElse(false);
        Instant stepSince = sameStep ? previous.get().stepSince() : clock.instant();
        String pendingCommand = sent != null ? sent.getClass().getSimpleName()
                : sameStep ? previous.get().pendingCommand() : null;
        writes.put(state.orderId(), new Write(state, pendingCommand, previous.map(Stored::version).orElse(NEW),
                stepSince));
    }

    /** Sagas in the step since before the given moment, oldest first. */
    List<OrderSagaState> inStepSince(OrderSagaStep step, Instant before, int limit) {
        return jdbc.query("select state from order_saga where step = ? and step_since < ? order by step_since "
                + "fetch first ? rows only", (rs, n) -> read(rs.getString(1)), step.name(), Timestamp.from(before), limit);
    }

    private Optional<Stored> stored(String orderId) {
        Stored cached = running.get(orderId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Stored> loaded = jdbc.query("select state, version, step_since, pending_command from order_saga "
                                + "where order_id = ?", (rs, n) -> new Stored(read(rs.getString(1)), rs.getLong(2),
                                rs.getTimestamp(3).toInstant(), rs.getString(4)), orderId)
                .stream().findFirst();
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
            if (write.readVersion() == NEW) {
                inserts.add(new Object[]{orderId, write.state().step().name(), since, write.pendingCommand(), state});
            } else {
                updates.add(new Object[]{write.state().step().name(), since, write.pendingCommand(), state,
                        write.readVersion() + 1, orderId, write.readVersion()});
            }
        });
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("insert into order_saga (order_id, step, step_since, pending_command, state, version) "
                    + "values (?, ?, ?, ?, ?, 0)", inserts);
        }
        if (!updates.isEmpty()) {
            int[] counts = jdbc.batchUpdate("update order_saga set step = ?, step_since = ?, pending_command = ?, state = ?, "
                    + "version = ? where order_id = ? and version = ?", updates);
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new ConcurrencyException("order saga " + updates.get(i)[5] + " changed since it was read");
                }
            }
        }
    }

    private void remember(String orderId, Write write) {
        if (write.state().step() == OrderSagaStep.DONE) {
            running.remove(orderId);
        } else {
            running.put(orderId, new Stored(write.state(), write.readVersion() + 1, write.stepSince(),
                    write.pendingCommand()));
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
