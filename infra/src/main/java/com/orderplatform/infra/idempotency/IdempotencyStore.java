package com.orderplatform.infra.idempotency;

/** Remembers, per user and key, which request came first and what it was answered. */
public interface IdempotencyStore {

    Claim claim(String userId, String key, String requestHash);

    void complete(String userId, String key, String requestHash, StoredResponse response);

    /** Forgets a claim whose request failed on our side, so that the client's retry runs again. */
    void abandon(String userId, String key);
}
