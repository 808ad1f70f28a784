package com.orderplatform.infra.idempotency;

/** Where an Idempotency-Key lives in Redis: per user, under one hash tag. */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    static String redisKey(String userId, String key) {
        return "{idem}:" + userId + ":" + key;
    }
}
