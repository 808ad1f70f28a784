package com.orderplatform.infra.idempotency;

/** The one rule for an Idempotency-Key's form, and where a key lives in Redis: per user, under one hash tag. */
public final class IdempotencyKeys {

    public static final int MAX_LENGTH = 100;
    public static final String INVALID_CODE = "INVALID_IDEMPOTENCY_KEY";
    public static final String RULE = "Idempotency-Key must have 1 to " + MAX_LENGTH + " characters.";

    private IdempotencyKeys() {
    }

    public static boolean isWellFormed(String key) {
        return !key.isBlank() && key.length() <= MAX_LENGTH;
    }

    static String redisKey(String userId, String key) {
        return "{idem}:" + userId + ":" + key;
    }
}
