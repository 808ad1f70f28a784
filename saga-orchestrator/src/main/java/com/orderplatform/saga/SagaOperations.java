package com.orderplatform.saga;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.AbortOrderCommand;
import com.orderplatform.api.order.Actor;
import com.orderplatform.infra.ops.OperatorActions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * What an operator does to sagas: re-drive one (send its pending step's command again, under the order's id, so
 * that a healthy saga or a second re-drive changes nothing), or every saga stuck in a step, paced. Each runs through
 * {@link OperatorActions}: under a lock per target, audited.
 */
final class SagaOperations {

    static final String REDRIVE = "SAGA_REDRIVE";
    static final String BULK_REDRIVE = "SAGA_REDRIVE_BULK";
    static final String ABORT = "SAGA_ABORT";

    private final OrderSagaStore store;
    private final CommandGateway commands;
    private final OperatorActions actions;
    private final Clock clock;
    private final SagaMetrics metrics;
    private final Duration redriveWait;

    SagaOperations(OrderSagaStore store, CommandGateway commands, OperatorActions actions, Clock clock,
                   SagaMetrics metrics, Duration redriveWait) {
        this.store = store;
        this.commands = commands;
        this.actions = actions;
        this.clock = clock;
        this.metrics = metrics;
        this.redriveWait = redriveWait;
    }

    /** What became of a re-sent command within the re-drive's wait. */
    enum Sent { HANDLED, FAILED_AGAIN, STILL_RUNNING }

    /**
     * A re-drive: the step and the command sent again, how many times it has been sent now, and what became of it
     * ({@code failure}: the error's type and message when it failed again).
     */
    record Redriven(String orderId, String step, String command, int attempts, Sent sent, String failure) {
    }

    /** An abort asked for: the step the saga was in (FAILED included), and what happens next. */
    record Aborting(String orderId, String step, String next) {
    }

    /** What a bulk re-drive touched (or, dry, would touch). */
    record BulkRedrive(boolean dryRun, List<String> orderIds, List<String> refused) {
    }

    Redriven redrive(Actor operator, String orderId) {
        return actions.run(operator, REDRIVE, "saga:" + orderId, () -> {
            Redriven sent = redriveNow(orderId);
            return new OperatorActions.Done<>(sent, sent.command() + " in " + sent.step() + ": " + sent.sent());
        });
    }

    BulkRedrive redriveStuck(Actor operator, String step, Duration stuckFor, int limit, boolean dryRun,
                             int perSecond) {
        String target = "sagas:step=" + (step == null ? "any" : step) + ",stuckFor=" + stuckFor;
        return actions.run(operator, BULK_REDRIVE + (dryRun ? "_DRY_RUN" : ""), target, () -> {
            List<String> stuck = store.rows(step, clock.instant().minus(stuckFor), 0, limit).stream()
                    .filter(row -> redrivable(row))
                    .map(row -> row.state().orderId())
                    .toList();
            if (dryRun) {
                return new OperatorActions.Done<>(new BulkRedrive(true, stuck, List.of()), stuck.size() + " sagas");
            }
            List<String> refused = new ArrayList<>();
            long pause = TimeUnit.SECONDS.toNanos(1) / perSecond;
            for (String orderId : stuck) {
                long next = System.nanoTime() + pause;
                try {
                    redrive(operator, orderId);
                } catch (RuleViolation notNow) {
                    refused.add(orderId + ": " + notNow.code());
                }
                LockSupport.parkNanos(next - System.nanoTime());
            }
            return new OperatorActions.Done<>(new BulkRedrive(false, stuck, refused),
                    stuck.size() + " sagas, " + refused.size() + " refused");
        });
    }

    /**
     * Ends an order whose saga still runs: the abort goes through the order (so that a confirmation racing it is not
     * applied) and reaches the saga in the order of the order's events, where {@link OrderSagaDecisions#abort}
     * decides the compensation.
     */
    Aborting abort(Actor operator, String orderId) {
        return actions.run(operator, ABORT, "saga:" + orderId, () -> {
            OrderSagaStore.Row row = store.row(orderId).orElseThrow(() -> notFound(orderId));
            OrderSagaStep step = row.state().step();
            boolean compensating = step == OrderSagaStep.REFUNDING_PAYMENT || step == OrderSagaStep.RELEASING_STOCK
                    || step == OrderSagaStep.CANCELLING_ORDER;
            if (step == OrderSagaStep.DONE) {
                throw RuleViolation.conflict("SAGA_FINISHED", "The saga of order " + orderId + " has ended.");
            }
            if (compensating && row.failure() == null) {
                throw RuleViolation.conflict("ALREADY_COMPENSATING", "The saga of order " + orderId + " is already "
                        + "giving back what it did (" + step + ") and will end CANCELLED.");
            }
            commands.sendAndWait(new AbortOrderCommand(orderId, operator.userId()));
            metrics.aborted();
            Aborting aborting = new Aborting(orderId, row.shownStep(), switch (step) {
                case RESERVING_STOCK, CHARGING_PAYMENT -> row.failure() != null
                        ? "compensating now" : "compensating once the step in flight answers";
                case PARKED -> "expiring the parked charge, then compensating";
                default -> "compensating now";
            });
            return new OperatorActions.Done<>(aborting, "from " + aborting.step());
        });
    }

    private Redriven redriveNow(String orderId) {
        OrderSagaStore.Row row = store.row(orderId).orElseThrow(() -> notFound(orderId));
        if (!redrivable(row)) {
            throw RuleViolation.conflict("SAGA_FINISHED", "The saga of order " + orderId + " has ended; nothing is "
                    + "pending to send again.");
        }
        OrderSagaState state = row.state();
        Object command = OrderSagaDecisions.pendingCommand(state).orElseThrow();
        if (!store.redriven(orderId, row.version())) {
            throw RuleViolation.conflict("SAGA_MOVED", "The saga of order " + orderId + " changed while it was being "
                    + "re-driven; read it again.");
        }
        metrics.redriven();
        CompletableFuture<Object> handled = commands.send(command);
        handled.exceptionally(e -> {
            store.failed(orderId, state.step(), e);
            metrics.failed();
            return null;
        });
        Sent sent = Sent.HANDLED;
        String failure = null;
        try {
            handled.get(redriveWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent = Sent.STILL_RUNNING;
        } catch (ExecutionException e) {
            sent = Sent.FAILED_AGAIN;
            failure = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent = Sent.STILL_RUNNING;
        }
        return new Redriven(orderId, state.step().name(), command.getClass().getSimpleName(), row.attempts() + 1,
                sent, failure);
    }

    /** A saga still running, or one whose last command (a cancelled order's gate release) failed. */
    private static boolean redrivable(OrderSagaStore.Row row) {
        return row.failure() != null || row.state().step() != OrderSagaStep.DONE;
    }

    static RuleViolation notFound(String orderId) {
        return RuleViolation.notFound("SAGA_NOT_FOUND", "No saga for order " + orderId + ".");
    }
}
