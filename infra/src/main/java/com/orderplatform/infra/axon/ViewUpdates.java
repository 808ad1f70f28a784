package com.orderplatform.infra.axon;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a view applies an event's change so that one order's bad row never stops the view for every order. Axon's
 * dead-letter queue parks an event whose handler throws; but a database error met when the batch commits (a
 * constraint, a value too long, a lock that never comes) rolls the whole batch back, its dead letters with it, and the
 * processor would retry that batch for ever. So a view's changes normally ride its batch's transaction (one commit per
 * batch, nothing paid per event), and once a batch of that view has rolled back, each change runs in a transaction of
 * its own for {@link #ISOLATED_FOR}: the failing one throws inside its handler and is dead-lettered with its sequence
 * (the order, the SKU), the others commit and the view goes on. A change committed on its own before its batch's
 * position is applied again after a crash: view handlers must be idempotent (they are, by event sequence).
 */
public class ViewUpdates {

    static final Duration ISOLATED_FOR = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(ViewUpdates.class);
    private static final String WATCHED = ViewUpdates.class.getName() + ".watched.";

    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Map<String, Long> isolatedUntil = new ConcurrentHashMap<>();

    public ViewUpdates(PlatformTransactionManager transactions, Clock clock) {
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Applies {@code change} to {@code view} (its processing group) for the event being handled. */
    public void apply(String view, Runnable change) {
        if (!CurrentUnitOfWork.isStarted()) {
            change.run();
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (batch.resources().putIfAbsent(WATCHED + view, Boolean.TRUE) == null) {
            batch.onRollback(failed -> {
                isolatedUntil.put(view, clock.millis() + ISOLATED_FOR.toMillis());
                log.warn("A batch of {} rolled back; its events are applied one transaction each for {}", view,
                        ISOLATED_FOR);
            });
        }
        if (isolated(view)) {
            ownTransaction.executeWithoutResult(status -> change.run());
        } else {
            change.run();
        }
    }

    /** Whether {@code view}'s changes run one transaction each now. */
    public boolean isolated(String view) {
        Long until = isolatedUntil.get(view);
        return until != null && clock.millis() < until;
    }
}
