package com.orderplatform.infra.axon;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Group commit for commands sent from many threads (placements, payment outcomes): a writer thread takes every
 * command waiting, runs each in a nested unit of work of one shared unit of work, and commits them together — one
 * transaction for the lot. Each sender learns its own command's outcome once the batch committed.
 * A command that fails fails alone (its nested unit of work rolls back, and the database goes back to a savepoint
 * taken before it, so whatever it wrote is undone and the others go on); if the commit itself
 * fails, every command that had succeeded runs again on its own, so one cannot fail the rest; a command that failed
 * for a passing reason (a lock deadlock, a concurrent append) is tried again on its own. Under little load a batch is
 * one or two commands and waits at most {@code linger} for more.
 *
 * <p>What a client is told about must be on disk first: {@link #send} completes once its commit is durable
 * ({@code onDisk}, H2's checkpoint). A checkpoint writes every page changed since the last one, whatever the number of
 * commits behind it, so the checkpoints run on a thread of their own, at most one per {@code checkpointEvery}: the
 * batches committed meanwhile share the next one. {@link #sendRedoable} is for the system's own commands, which are
 * done again after a crash (a payment processor's call is redelivered until its outcome is recorded): they complete
 * once committed and reach the disk with the next checkpoint or background write. Commands go to the command bus
 * directly: a gateway's retries would run them on another thread, outside the batch.
 *
 * <p>A batch holds the lock of every aggregate its commands changed until it commits, so two batches that take two
 * aggregates in crossing order wait for each other; on PostgreSQL, where the lock is also an advisory lock and
 * several instances write (a payment's outcome recorded by one instance's processor while another's webhook records
 * the same payment's), the database breaks that by failing one of them a second later, and the lock waits of an
 * instance's own threads are not seen by it at all. So a batch runs its commands in one global order, by the
 * aggregate they target (commands to the same aggregate keep the order they were sent in): every batch takes its
 * locks in the same order, and batches wait for each other instead of deadlocking.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int ATTEMPTS_ALONE = 3;
    private static final CommandTargetResolver TARGETS = AnnotationCommandTargetResolver.builder().build();

    private final CommandBus commandBus;
    private final TransactionManager transactions;
    private final DataSource dataSource;
    private final int maxBatch;
    private final long lingerNanos;
    private final Runnable onDisk;
    private final long checkpointEveryNanos;
    private final long waitNanos;
    private final BlockingQueue<Piece<?>> waiting = new LinkedBlockingQueue<>();
    /** Each batch's pieces that wait for a checkpoint, handed over together so one checkpoint covers the batch. */
    private final BlockingQueue<List<Piece<?>>> committedNotOnDisk = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final Thread checkpointer;
    private volatile boolean closed;
    private volatile boolean writersDone;

    private static final class Piece<R> {
        final Object command;
        final Runnable beforeCommit;
        final boolean durable;
        final CompletableFuture<R> outcome = new CompletableFuture<>();
        final long sentAt = System.nanoTime();
        ResultMessage<?> result;
        String target;

        Piece(Object command, Runnable beforeCommit, boolean durable) {
            this.command = command;
            this.beforeCommit = beforeCommit;
            this.durable = durable;
        }

        /** The aggregate the command targets, or "" for a command that names none. */
        String target() {
            if (target == null) {
                try {
                    target = TARGETS.resolveTarget(GenericCommandMessage.asCommandMessage(command)).getIdentifier();
                } catch (IllegalArgumentException noTarget) {
                    target = "";
                }
            }
            return target;
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
     * {@code onDisk} returns once everything committed before it was called is on disk; null when every commit is
     * durable as it returns (PostgreSQL). It runs at most once per {@code checkpointEvery}. {@code wait} bounds how
     * long {@link #sendAndWait} waits.
     */
    public GroupCommit(CommandBus commandBus, TransactionManager transactions, DataSource dataSource, int writers,
                       int maxBatch, Duration linger, Duration wait, Runnable onDisk, Duration checkpointEvery) {
        this.commandBus = commandBus;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        this.onDisk = onDisk;
        this.checkpointEveryNanos = checkpointEvery.toNanos();
        this.waitNanos = wait.toNanos();
        for (int i = 1; i <= writers; i++) {
            Thread writer = new Thread(this::write, "group-commit-" + i);
            writer.setDaemon(true);
            writer.start();
            this.writers.add(writer);
        }
        this.checkpointer = onDisk == null ? null : new Thread(this::checkpoint, "group-commit-checkpoint");
        if (checkpointer != null) {
            checkpointer.setDaemon(true);
            checkpointer.start();
        }
    }

    /**
     * Sends the command in the next batch; completes once that batch committed and is on disk, with the command's
     * result or failure. For every command whose outcome someone is told about.
     */
    public <R> CompletableFuture<R> send(Object command) {
        return send(command, () -> { });
    }

    /**
     * {@link #send(Object)}, with work that must commit with the command, done in its unit of work just before the
     * batch commits; if it throws, the command fails with that exception and changes nothing.
     */
    public <R> CompletableFuture<R> send(Object command, Runnable beforeCommit) {
        return enqueue(new Piece<>(command, beforeCommit, true));
    }

    /**
     * Sends a command that is done again if a crash loses it — the system's own step, whose trigger is redelivered
     * until its outcome is recorded; completes once its batch committed, without waiting for the disk.
     */
    public <R> CompletableFuture<R> sendRedoable(Object command) {
        return sendRedoable(command, () -> { });
    }

    /** {@link #sendRedoable(Object)}, with work that must commit with the command (see {@link #send(Object, Runnable)}). */
    public <R> CompletableFuture<R> sendRedoable(Object command, Runnable beforeCommit) {
        return enqueue(new Piece<>(command, beforeCommit, false));
    }

    private <R> CompletableFuture<R> enqueue(Piece<R> piece) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("group commit is closed"));
        }
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
                try {
                    commit(batch);
                } catch (RuntimeException | Error e) {
                    failed(batch, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The batch could not even be tried (no transaction could be started: the database is gone, the pool empty):
     * its senders are told, none is left waiting for ever, and no unit of work is left open on this thread.
     */
    private void failed(List<Piece<?>> batch, Throwable e) {
        log.warn("Group commit could not write a batch of {} ({}); its senders are told", batch.size(), e.toString());
        for (int left = 10; left > 0 && CurrentUnitOfWork.isStarted(); left--) {
            UnitOfWork<?> open = CurrentUnitOfWork.get();
            try {
                open.rollback(e);
            } catch (RuntimeException stillBroken) {
                log.debug("Rolling back a unit of work left open failed", stillBroken);
                CurrentUnitOfWork.clear(open);
            }
        }
        for (Piece<?> piece : batch) {
            piece.outcome.completeExceptionally(e);
        }
    }

    private void commit(List<Piece<?>> batch) {
        List<Piece<?>> toDisk = new ArrayList<>(batch.size());
        try {
            if (batch.size() == 1) {
                alone(batch.get(0), toDisk);
            } else {
                together(batch, toDisk);
            }
        } finally {
            if (!toDisk.isEmpty()) {
                committedNotOnDisk.add(toDisk);
            }
        }
    }

    private void together(List<Piece<?>> sent, List<Piece<?>> toDisk) {
        List<Piece<?>> batch = new ArrayList<>(sent);
        batch.sort(Comparator.comparing(Piece::target));
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
        for (Piece<?> piece : batch) {
            if (piece.result == null || failedForAPassingReason(piece)) {
                alone(piece, toDisk);
            } else {
                committed(piece, toDisk);
            }
        }
    }

    private void alone(Piece<?> piece, List<Piece<?>> toDisk) {
        for (int attempt = 1; attempt <= ATTEMPTS_ALONE; attempt++) {
            DefaultUnitOfWork<?> own = DefaultUnitOfWork.startAndGet(null);
            own.attachTransaction(transactions);
            piece.result = own.executeWithResult(() -> dispatch(piece));
            if (!failedForAPassingReason(piece)) {
                break;
            }
        }
        committed(piece, toDisk);
    }

    /** The piece's transaction has ended: its sender is answered now, or (in toDisk) once a checkpoint has it on disk. */
    private void committed(Piece<?> piece, List<Piece<?>> toDisk) {
        if (piece.durable && onDisk != null && !piece.result.isExceptional()) {
            toDisk.add(piece);
        } else {
            piece.complete();
        }
    }

    /**
     * Makes what was committed durable for those waiting: one checkpoint for every piece committed before it starts,
     * at most one per {@code checkpointEvery}, so the batches committed meanwhile share the next one.
     */
    private void checkpoint() {
        long lastStart = System.nanoTime() - checkpointEveryNanos;
        while (!writersDone || !committedNotOnDisk.isEmpty()) {
            try {
                List<Piece<?>> first = committedNotOnDisk.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                long pause = lastStart + checkpointEveryNanos - System.nanoTime();
                if (pause > 0) {
                    TimeUnit.NANOSECONDS.sleep(pause);
                }
                List<List<Piece<?>>> batches = new ArrayList<>();
                batches.add(first);
                committedNotOnDisk.drainTo(batches);
                lastStart = System.nanoTime();
                RuntimeException notOnDisk = durable();
                for (Piece<?> piece : batches.stream().flatMap(List::stream).toList()) {
                    if (notOnDisk != null) {
                        piece.outcome.completeExceptionally(notOnDisk);
                    } else {
                        piece.complete();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("Group commit checkpointer failed; going on", e);
            }
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
        writers.forEach(GroupCommit::join);
        writersDone = true;
        if (checkpointer != null) {
            join(checkpointer);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
