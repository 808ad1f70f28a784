package com.orderplatform.command.inventory;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/** Runs an action once the current unit of work committed, or at once outside one. */
final class AfterCommit {

    private AfterCommit() {
    }

    static void run(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
