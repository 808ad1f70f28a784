package com.orderplatform.infra.ops;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.Actor;
import com.orderplatform.infra.locks.DistributedLocks;
import com.orderplatform.infra.locks.LockNotAcquiredException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How every operator action runs: under a lock per target, so that a second operator acting on the same target at
 * the same moment is told {@code 409 OPERATION_IN_PROGRESS} instead of racing the first; and audited whatever the
 * outcome — done, refused (with the refusal's code), in progress elsewhere, or failed.
 */
public class OperatorActions {

    public static final String IN_PROGRESS = "OPERATION_IN_PROGRESS";

    private final DistributedLocks locks;
    private final OperatorAudit audit;

    public OperatorActions(DistributedLocks locks, OperatorAudit audit) {
        this.locks = locks;
        this.audit = audit;
    }

    /** What an action reports for the audit beside its result. */
    public record Done<T>(T result, String detail) {
    }

    public <T> T run(Actor operator, String action, String target, Supplier<Done<T>> work) {
        Done<T> done;
        try {
            done = locks.withLock("operator:" + target, Duration.ZERO, work);
        } catch (LockNotAcquiredException busy) {
            audit.record(operator.userId(), action, target, IN_PROGRESS, null);
            throw RuleViolation.conflict(IN_PROGRESS, "Another operator action on " + target + " is running.");
        } catch (RuleViolation refused) {
            audit.record(operator.userId(), action, target, refused.code(), refused.getMessage());
            throw refused;
        } catch (RuntimeException failed) {
            audit.record(operator.userId(), action, target, "FAILED", failed.getClass().getSimpleName() + ": "
                    + failed.getMessage());
            throw failed;
        }
        audit.record(operator.userId(), action, target, "DONE", done.detail());
        return done.result();
    }
}
