package com.orderplatform.infra.idempotency;

/**
 * An endpoint that handles its Idempotency-Key itself, so that the key's record commits with the change (order
 * placement): {@link IdempotencyFilter} leaves requests to it alone.
 */
public record SelfManagedIdempotency(String method, String path) {
}
