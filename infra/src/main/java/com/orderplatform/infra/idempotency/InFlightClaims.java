package com.orderplatform.infra.idempotency;

import java.util.Optional;

/**
 * Marks an Idempotency-Key as taken by a request still running, for a short while: a copy arriving meanwhile is told
 * so at once. The durable answer is not kept here but recorded with the change itself ({@link IdempotencyStore#record}).
 */
public interface InFlightClaims {

    /** True when this request now holds the key; false when another request holds it. */
    boolean take(String userId, String key, String requestHash);

    /** The request hash of the request holding the key, if one does. */
    Optional<String> holderOf(String userId, String key);

    /** Frees the key: the request that held it changed nothing, and a retry must run again. */
    void drop(String userId, String key);
}
