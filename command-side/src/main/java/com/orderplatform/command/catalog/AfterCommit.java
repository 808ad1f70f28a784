package com.orderplatform.command.catalog;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/** Runs an action once the current unit of work committed, or at once outside one. */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
