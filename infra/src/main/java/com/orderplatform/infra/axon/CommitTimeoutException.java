package com.orderplatform.infra.axon;

/** A command sent through group commit was not committed in time; it may still be. The client should retry. */
public class CommitTimeoutException extends RuntimeException {

    public CommitTimeoutException(String message) {
        super(message, null, false, false);
    }
}
