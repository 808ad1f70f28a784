package com.orderplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

class LockConflictsTest {

    @Test
    void axonsDeadlockAndTheDatabasesDeadlockLoserAreLockConflicts() {
        assertThat(LockConflicts.isLockConflict(new DeadlockException("cycle"))).isTrue();
        assertThat(LockConflicts.isLockConflict(new CommandExecutionException("wrapped",
                new DeadlockException("cycle")))).isTrue();
        assertThat(LockConflicts.isLockConflict(new CannotAcquireLockException("advisory lock"))).isTrue();
        assertThat(LockConflicts.isLockConflict(new IllegalStateException("untranslated",
                new SQLException("ERROR: deadlock detected", "40P01")))).isTrue();
        assertThat(LockConflicts.isLockConflict(new SQLException("could not serialize access", "40001"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(LockConflicts.isLockConflict(new ConcurrencyException("same sequence"))).isFalse();
        assertThat(LockConflicts.isLockConflict(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(LockConflicts.isLockConflict(new IllegalArgumentException("bad"))).isFalse();
    }
}
