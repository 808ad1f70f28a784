package com.orderplatform.infra.axon;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The lock an aggregate is held under while a command changes it. In one process Axon's own lock is enough. When
 * several processes share a PostgreSQL event store, the same aggregate — a hot SKU's ledger above all — is changed
 * by all of them, and each keeps a cached copy: the loser of a race finds out only when its append hits the event
 * store's (aggregate id, sequence) key, and with the saga's commands that rolls back a whole batch, again and again
 * while the race goes on. So on PostgreSQL the lock is also a transaction-scoped advisory lock on the aggregate id
 * (released by the commit or rollback), and once it is held the cached copy is dropped if the event store has moved
 * past it: processes take turns on one aggregate, and each turn starts from its latest state. A transaction asks the
 * database once per aggregate: held, the lock is its own until it ends (the saga's batch takes each SKU's lock before
 * its commands do, and they find it held).
 */
public final class AggregateLocks implements LockFactory {

    /** The name of the SKU ledgers' lock factory, which the saga's batches take first ({@code StockLocksFirst}). */
    public static final String SKU_LOCKS = "inventoryLocks";

    private final LockFactory local = PessimisticLockFactory.usingDefaults();
    private final JdbcTemplate jdbc;
    private final EventStorageEngine events;
    private final BoundedCache cache;

    private AggregateLocks(JdbcTemplate jdbc, EventStorageEngine events, BoundedCache cache) {
        this.jdbc = jdbc;
        this.events = events;
        this.cache = cache;
    }

    /** Axon's lock alone where the database is not PostgreSQL (the single-process H2 default). */
    public static LockFactory forDatabase(JdbcTemplate jdbc, EventStorageEngine events, BoundedCache cache) {
        String database = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equals(database) ? new AggregateLocks(jdbc, events, cache)
                : PessimisticLockFactory.usingDefaults();
    }

    @Override
    public Lock obtainLock(String identifier) {
        Lock lock = local.obtainLock(identifier);
        try {
            Set<String> held = TransactionSynchronizationManager.isActualTransactionActive()
                    ? heldByThisTransaction() : null;
            if (held != null && !held.contains(identifier)) {
                jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", row -> { }, identifier);
                held.add(identifier);
                Long cached = cache.version(identifier);
                if (cached != null && !cached.equals(events.lastSequenceNumberFor(identifier).orElse(null))) {
                    cache.remove(identifier);
                }
            }
            return lock;
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /** The aggregates whose advisory lock the current transaction holds (and whose cached copy it checked). */
    private Set<String> heldByThisTransaction() {
        @SuppressWarnings("unchecked")
        Set<String> held = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (held == null && !TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashSet<>();
        }
        if (held == null) {
            Set<String> created = new HashSet<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResource(AggregateLocks.this);
                }
            });
            return created;
        }
        return held;
    }
}
