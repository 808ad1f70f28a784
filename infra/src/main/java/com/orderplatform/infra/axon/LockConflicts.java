package com.orderplatform.infra.axon;

import java.sql.SQLException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * A failure that says only that two transactions wanted each other's locks: Axon's lock found a deadlock (or gave up
 * waiting) in this process, or the database chose this transaction as a deadlock's loser (SQL state class 40,
 * "transaction rollback": PostgreSQL's 40P01 on the aggregates' advisory locks, 40001). Nothing was decided; the same
 * work done again, once the other transaction is through, can pass. A database's loser has its whole transaction
 * aborted, and a command sent inside a unit of work that holds other locks cannot wait for them to go: in both cases
 * only the outermost unit of work, rolled back and done again, gets past it.
 */
public final class LockConflicts {

    private LockConflicts() {
    }

    public static boolean isLockConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockAcquisitionFailedException || cause instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }
}
