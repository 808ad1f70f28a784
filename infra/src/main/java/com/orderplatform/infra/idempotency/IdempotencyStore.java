package com.orderplatform.infra.idempotency;

import java.util.Optional;

/** Remembers, per user and key, which request came first and what it was answered. */
public interface IdempotencyStore {

    /**
     * Records the answer of a request that has just changed something, in the transaction of that change, so the
     * two commit or fail together. A key recorded before throws {@link IdempotencyKeyTakenException}.
     */
    void record(String userId, String key, String requestHash, StoredResponse response);

    /** What the store holds for the key, as a repeat of {@code requestHash} would be told; empty when nothing. */
    Optional<Claim> recorded(String userId, String key, String requestHash);

    Claim claim(String userId, String key, String requestHash);

    void complete(String userId, String key, String requestHash, StoredResponse response);

    /** Forgets a claim whose request failed on our side, so that the client's retry runs again. */
    void abandon(String userId, String key);
}
