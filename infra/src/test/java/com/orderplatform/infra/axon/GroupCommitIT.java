package com.orderplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Group commit on a real database (H2 in memory): commands sent at the same moment share one transaction. */
class GroupCommitIT {

    record Insert(String id) {
    }

    record Refuse(String id) {
    }

    record Change(@TargetAggregateIdentifier String aggregate, String label) {
    }

    private final DriverManagerDataSource database = new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcTemplate jdbc = new JdbcTemplate(database);
    private final AtomicInteger madeDurable = new AtomicInteger();
    private final AtomicBoolean failNextCommit = new AtomicBoolean();
    private final AtomicBoolean failNextStart = new AtomicBoolean();
    private final CountDownLatch holdFirst = new CountDownLatch(1);
    private final List<String> dispatched = new CopyOnWriteArrayList<>();
    private GroupCommit commits;

    private GroupCommit start() {
        return start(Duration.ofSeconds(10));
    }

    private GroupCommit start(Duration wait) {
        return start(wait, Duration.ZERO, madeDurable::incrementAndGet);
    }

    private GroupCommit start(Duration wait, Duration checkpointEvery, Runnable checkpoint) {
        jdbc.execute("create table row_written (id varchar(64) primary key)");
        TransactionManager transactions = new FailingOnce(new SpringTransactionManager(
                new DataSourceTransactionManager(database)), failNextCommit, failNextStart);
        SimpleCommandBus bus = SimpleCommandBus.builder().transactionManager(transactions).build();
        bus.subscribe(Insert.class.getName(), command -> {
            String id = ((Insert) command.getPayload()).id();
            if (id.equals("first")) {
                holdFirst.await(10, TimeUnit.SECONDS);
            }
            jdbc.update("insert into row_written (id) values (?)", id);
            return id;
        });
        bus.subscribe(Change.class.getName(), command -> {
            Change change = (Change) command.getPayload();
            dispatched.add(change.label());
            jdbc.update("insert into row_written (id) values (?)", change.label());
            return change.label();
        });
        bus.subscribe(Refuse.class.getName(), command -> {
            throw new IllegalArgumentException("refused " + ((Refuse) command.getPayload()).id());
        });
        commits = new GroupCommit(bus, transactions, database, 1, 100, Duration.ZERO, wait, checkpoint,
                checkpointEvery);
        return commits;
    }

    @AfterEach
    void stop() {
        holdFirst.countDown();
        if (commits != null) {
            commits.close();
        }
    }

    private List<String> rows() {
        return jdbc.queryForList("select id from row_written order by id", String.class);
    }

    /** Sends the first command, which the writer holds on to until the rest of the batch is waiting behind it. */
    private CompletableFuture<Object> firstHeld(GroupCommit commits) throws InterruptedException {
        CompletableFuture<Object> first = commits.send(new Insert("first"));
        Thread.sleep(200);
        return first;
    }

    @Test
    void commandsWaitingTogetherCommitInOneTransactionMadeDurableOnce() throws Exception {
        GroupCommit commits = start();
        CompletableFuture<Object> first = firstHeld(commits);
        List<CompletableFuture<Object>> batch = List.of(commits.send(new Insert("a")), commits.send(new Insert("b")),
                commits.send(new Insert("c")));
        holdFirst.countDown();

        assertThat(batch.stream().map(CompletableFuture::join)).containsExactly("a", "b", "c");
        assertThat(first.join()).isEqualTo("first");
        assertThat(rows()).containsExactly("a", "b", "c", "first");
        // one checkpoint for the batch of three, one for the first (or a single one, if both batches waited for it)
        assertThat(madeDurable.get()).isBetween(1, 2);
    }

    @Test
    void aBatchRunsItsCommandsInTheOrderOfTheAggregatesTheyTargetSoBatchesTakeLocksInOneOrder() throws Exception {
        GroupCommit commits = start();
        firstHeld(commits);
        List<CompletableFuture<Object>> batch = List.of(commits.send(new Change("sku-b", "b1")),
                commits.send(new Change("sku-c", "c1")), commits.send(new Change("sku-a", "a1")),
                commits.send(new Change("sku-b", "b2")), commits.send(new Change("sku-a", "a2")));
        holdFirst.countDown();

        assertThat(batch.stream().map(CompletableFuture::join)).containsExactly("b1", "c1", "a1", "b2", "a2");
        assertThat(dispatched).containsExactly("a1", "a2", "b1", "b2", "c1");
        assertThat(rows()).containsExactly("a1", "a2", "b1", "b2", "c1", "first");
    }

    @Test
    void aCommandThatFailsFailsAloneAndChangesNothing() throws Exception {
        GroupCommit commits = start();
        firstHeld(commits);
        CompletableFuture<Object> before = commits.send(new Insert("a"));
        CompletableFuture<Object> refused = commits.send(new Refuse("b"));
        CompletableFuture<Object> after = commits.send(new Insert("c"));
        holdFirst.countDown();

        assertThat(before.join()).isEqualTo("a");
        assertThat(after.join()).isEqualTo("c");
        assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("refused b");
        assertThat(rows()).containsExactly("a", "c", "first");
    }

    @Test
    void workThatMustCommitWithACommandFailsThatCommandAloneWhenItThrows() throws Exception {
        GroupCommit commits = start();
        firstHeld(commits);
        CompletableFuture<Object> kept = commits.send(new Insert("a"));
        CompletableFuture<Object> dropped = commits.send(new Insert("b"), () -> {
            throw new IllegalStateException("key taken");
        });
        holdFirst.countDown();

        assertThat(kept.join()).isEqualTo("a");
        assertThatThrownBy(dropped::join).hasRootCauseMessage("key taken");
        assertThat(rows()).containsExactly("a", "first");
    }

    @Test
    void whenTheSharedCommitFailsEachCommandRunsAgainOnItsOwnAndIsWrittenOnce() throws Exception {
        GroupCommit commits = start();
        CompletableFuture<Object> first = firstHeld(commits);
        assertThat(first).isNotDone();
        failNextCommit.set(true);
        List<CompletableFuture<Object>> batch = List.of(commits.send(new Insert("a")), commits.send(new Insert("b")));
        holdFirst.countDown();
        first.join();

        assertThat(batch.stream().map(CompletableFuture::join)).containsExactly("a", "b");
        assertThat(rows()).containsExactly("a", "b", "first");
    }

    @Test
    void aCommandWhoseTransactionCannotStartIsToldSoAndTheNextOneCommits() throws Exception {
        GroupCommit commits = start();
        failNextStart.set(true);

        CompletableFuture<Object> lost = commits.send(new Insert("a"));

        assertThatThrownBy(() -> lost.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("no connection");
        assertThat(commits.send(new Insert("b")).get(5, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(rows()).containsExactly("b");
    }

    @Test
    void aBatchWhoseSharedTransactionCannotStartTellsEverySenderAndTheNextBatchCommits() throws Exception {
        GroupCommit commits = start();
        CompletableFuture<Object> first = firstHeld(commits);
        List<CompletableFuture<Object>> batch = List.of(commits.send(new Insert("a")), commits.send(new Insert("b")));
        failNextStart.set(true);
        holdFirst.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        for (CompletableFuture<Object> lost : batch) {
            assertThatThrownBy(() -> lost.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("no connection");
        }
        assertThat(commits.send(new Insert("c")).get(5, TimeUnit.SECONDS)).isEqualTo("c");
        assertThat(rows()).containsExactly("c", "first");
    }

    @Test
    void aCallerThatWaitedTooLongIsToldTheOutcomeIsUnknownAndTheCommandStillCommits() throws Exception {
        GroupCommit commits = start(Duration.ofMillis(300));
        CompletableFuture<Object> first = firstHeld(commits);

        assertThatThrownBy(() -> commits.sendAndWait(new Insert("late")))
                .isInstanceOf(CommitTimeoutException.class).hasMessageContaining("Insert not committed within");
        holdFirst.countDown();
        first.join();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(rows()).containsExactly("first", "late"));
    }

    @Test
    void aRedoableCommandIsAnsweredOnceCommittedWithoutACheckpoint() {
        GroupCommit commits = start();
        holdFirst.countDown();

        assertThat(commits.sendRedoable(new Insert("a")).join()).isEqualTo("a");
        assertThat(rows()).containsExactly("a");
        assertThat(madeDurable).hasValue(0);
    }

    @Test
    void aCommandIsNotAnsweredBeforeACheckpointThatStartedAfterItsCommitAndCommitsMadeMeanwhileShareTheNext() {
        CountDownLatch releaseFirstCheckpoint = new CountDownLatch(1);
        GroupCommit commits = start(Duration.ofSeconds(10), Duration.ZERO, () -> {
            if (madeDurable.incrementAndGet() == 1) {
                awaitQuietly(releaseFirstCheckpoint);
            }
        });
        holdFirst.countDown();
        CompletableFuture<Object> first = commits.send(new Insert("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> madeDurable.get() == 1);
        List<CompletableFuture<Object>> meanwhile = List.of(commits.send(new Insert("a")),
                commits.send(new Insert("b")), commits.sendRedoable(new Insert("c")));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(rows()).containsExactly("a", "b", "c", "first"));

        assertThat(first).isNotDone();
        assertThat(meanwhile.get(0)).isNotDone();
        assertThat(meanwhile.get(1)).isNotDone();
        assertThat(meanwhile.get(2).join()).isEqualTo("c");
        releaseFirstCheckpoint.countDown();
        assertThat(first.join()).isEqualTo("first");
        assertThat(meanwhile.get(0).join()).isEqualTo("a");
        assertThat(meanwhile.get(1).join()).isEqualTo("b");
        assertThat(madeDurable).hasValue(2);
    }

    @Test
    void checkpointsAreAtLeastTheirIntervalApart() {
        List<Long> startedAt = new CopyOnWriteArrayList<>();
        GroupCommit commits = start(Duration.ofSeconds(10), Duration.ofMillis(300), () -> startedAt.add(System.nanoTime()));
        holdFirst.countDown();

        commits.send(new Insert("a")).join();
        commits.send(new Insert("b")).join();

        assertThat(startedAt).hasSize(2);
        assertThat(Duration.ofNanos(startedAt.get(1) - startedAt.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aFailedCheckpointFailsTheCommandsWaitingForItThoughTheyCommitted() {
        GroupCommit commits = start(Duration.ofSeconds(10), Duration.ZERO, () -> {
            throw new IllegalStateException("disk full");
        });
        holdFirst.countDown();

        assertThatThrownBy(() -> commits.send(new Insert("a")).join()).hasRootCauseMessage("disk full");
        assertThat(commits.sendRedoable(new Insert("b")).join()).isEqualTo("b");
        assertThat(rows()).containsExactly("a", "b");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A transaction manager whose next transaction, once asked to, rolls back and fails instead of committing, or
     * cannot even start (the database gone).
     */
    private record FailingOnce(TransactionManager delegate, AtomicBoolean failNext, AtomicBoolean failNextStart)
            implements TransactionManager {

        @Override
        public Transaction startTransaction() {
            if (failNextStart.compareAndSet(true, false)) {
                throw new IllegalStateException("no connection");
            }
            Transaction transaction = delegate.startTransaction();
            boolean fail = failNext.compareAndSet(true, false);
            return new Transaction() {
                @Override
                public void commit() {
                    if (fail) {
                        transaction.rollback();
                        throw new IllegalStateException("commit failed");
                    }
                    transaction.commit();
                }

                @Override
                public void rollback() {
                    transaction.rollback();
                }
            };
        }
    }
}
