package com.orderplatform.infra.axon;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Group commit for commands sent from many threads (placements, payment outcomes): a writer thread takes every
 * command waiting, runs each in a nested unit of work of one shared unit of work, and commits them together — one
 * transaction, one write to disk, for the lot. Each sender learns its own command's outcome once the batch committed.
 * A command that fails fails alone (its nested unit of work rolls back, and the database goes back to a savepoint
 * taken before it, so whatever it wrote is undone and the others go on); if the commit itself
 * fails, every command that had succeeded runs again on its own, so one cannot fail the rest; a command that failed
 * for a passing reason (a lock deadlock, a concurrent append) is tried again on its own. Under little load a batch is
 * one or two commands and waits at most {@code linger} for more; under load, the disk write each H2 commit costs is
 * shared by many. Each commit is made durable ({@code onDisk}) before anyone is answered: this is the path of
 * every command a client waits for. Commands go to the command bus directly: a gateway's retries would run them on
 * another thread, outside the batch.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int ATTEMPTS_ALONE = 3;

    private final CommandBus commandBus;
    private final TransactionManager transactions;
    private final DataSource dataSource;
    private final int maxBatch;
    private final long lingerNanos;
    private final Runnable onDisk;
    private final long waitNanos;
    private final BlockingQueue<Piece<?>> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    private static final class Piece<R> {
        final Object command;
        final Runnable beforeCommit;
        final CompletableFuture<R> outcome = new CompletableFuture<>();
        final long sentAt = System.nanoTime();
        ResultMessage<?> result;

        Piece(Object command, Runnable beforeCommit) {
            this.command = command;
            this.beforeCommit = beforeCommit;
        }

        @SuppressWarnings("unchecked")
        void complete() {
            if (result.isExceptional()) {
                outcome.completeExceptionally(result.exceptionResult());
            } else {
                outcome.complete((R) result.getPayload());
            }
        }
    }

    /**
     * {@code onDisk} runs after each commit and returns once what it committed is on disk; {@code wait} bounds how
     * long {@link #sendAndWait} waits.
     */
    public GroupCommit(CommandBus commandBus, TransactionManager transactions, DataSource dataSource, int writers,
                       int maxBatch, Duration linger, Duration wait, Runnable onDisk) {
        this.commandBus = commandBus;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.onDisk = onDisk;
        this.waitNanos = wait.toNanos();
        for (int i = 1; i <= writers; i++) {
            Thread writer = new Thread(this::write, "group-commit-" + i);
            writer.setDaemon(true);
            writer.start();
            this.writers.add(writer);
        }
    }

    /** Sends the command in the next batch; completes once that batch committed, with its result or failure. */
    public <R> CompletableFuture<R> send(Object command) {
        return send(command, () -> { });
    }

    /**
     * {@link #send(Object)}, with work that must commit with the command, done in its unit of work just before the
     * batch commits; if it throws, the command fails with that exception and changes nothing.
     */
    public <R> CompletableFuture<R> send(Object command, Runnable beforeCommit) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("group commit is closed"));
        }
        Piece<R> piece = new Piece<>(command, beforeCommit);
        waiting.add(piece);
        return piece.outcome;
    }

    /** {@link #send(Object)}, waiting for the outcome; the command's own exception is thrown as it was. */
    public <R> R sendAndWait(Object command) {
        return sendAndWait(command, () -> { });
    }

    /**
     * {@link #send(Object, Runnable)}, waiting for the outcome; the command's own exception is thrown as it was. A
     * command not committed within the wait gets {@link CommitTimeoutException}: it may still commit later.
     */
    public <R> R sendAndWait(Object command, Runnable beforeCommit) {
        try {
            return this.<R>send(command, beforeCommit).get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            throw new CommitTimeoutException(command.getClass().getSimpleName() + " not committed within "
                    + Duration.ofNanos(waitNanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommitTimeoutException("interrupted while waiting for " + command.getClass().getSimpleName());
        }
    }

    private void write() {
        while (!closed || !waiting.isEmpty()) {
            try {
                Piece<?> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Piece<?>> batch = new ArrayList<>();
                batch.add(first);
                waiting.drainTo(batch, maxBatch - 1);
                long lingerLeft;
                while (batch.size() < maxBatch && (lingerLeft = first.sentAt + lingerNanos - System.nanoTime()) > 0) {
                    Piece<?> next = waiting.poll(lingerLeft, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    waiting.drainTo(batch, maxBatch - batch.size());
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("Group commit writer failed; going on", e);
            }
        }
    }

    private void commit(List<Piece<?>> batch) {
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        UnitOfWork<?> shared = DefaultUnitOfWork.startAndGet(null);
        shared.attachTransaction(transactions);
        for (Piece<?> piece : batch) {
            Savepoint before = savepoint();
            piece.result = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> dispatch(piece));
            if (piece.result.isExceptional()) {
                rollbackTo(before);
            }
        }
        try {
            shared.commit();
        } catch (RuntimeException failed) {
            log.debug("A batch of {} did not commit ({}); each runs again on its own", batch.size(), failed.toString());
            batch.stream().filter(piece -> !piece.result.isExceptional()).forEach(piece -> piece.result = null);
        }
        RuntimeException notOnDisk = batch.stream().anyMatch(piece -> piece.result != null
                && !piece.result.isExceptional()) ? durable() : null;
        for (Piece<?> piece : batch) {
            if (piece.result == null || failedForAPassingReason(piece)) {
                alone(piece);
            } else if (notOnDisk != null && !piece.result.isExceptional()) {
                piece.outcome.completeExceptionally(notOnDisk);
            } else {
                piece.complete();
            }
        }
    }

    private void alone(Piece<?> piece) {
        for (int attempt = 1; attempt <= ATTEMPTS_ALONE; attempt++) {
            DefaultUnitOfWork<?> own = DefaultUnitOfWork.startAndGet(null);
            own.attachTransaction(transactions);
            piece.result = own.executeWithResult(() -> dispatch(piece));
            if (!failedForAPassingReason(piece)) {
                break;
            }
        }
        RuntimeException notOnDisk = piece.result.isExceptional() ? null : durable();
        if (notOnDisk != null) {
            piece.outcome.completeExceptionally(notOnDisk);
        } else {
            piece.complete();
        }
    }

    private Savepoint savepoint() {
        try {
            return DataSourceUtils.getConnection(dataSource).setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set a savepoint", e);
        }
    }

    private void rollbackTo(Savepoint savepoint) {
        try {
            DataSourceUtils.getConnection(dataSource).rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back to a savepoint", e);
        }
    }

    /** Makes what was committed durable; returns why it could not be (its senders learn of it), or null. */
    private RuntimeException durable() {
        try {
            onDisk.run();
            return null;
        } catch (RuntimeException e) {
            log.error("Committed, but could not make the commit durable", e);
            return e;
        }
    }

    private static boolean failedForAPassingReason(Piece<?> piece) {
        return piece.result.isExceptional() && AxonInfraConfiguration.isTransient(piece.result.exceptionResult());
    }

    private Object dispatch(Piece<?> piece) throws Exception {
        CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> piece.beforeCommit.run());
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(piece.command), callback);
        CommandResultMessage<?> result = callback.get();
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    @Override
    public void close() {
        closed = true;
        for (Thread writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
