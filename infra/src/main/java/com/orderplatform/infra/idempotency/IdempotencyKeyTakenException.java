package com.orderplatform.infra.idempotency;

/** The key already has a durable record: the change that tried to record it must roll back. */
public class IdempotencyKeyTakenException extends RuntimeException {

    public IdempotencyKeyTakenException(String userId, String key) {
        super("Idempotency-Key " + key + " of " + userId + " is recorded already", null, false, false);
    }
}
