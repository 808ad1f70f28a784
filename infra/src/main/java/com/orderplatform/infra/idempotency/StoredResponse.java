package com.orderplatform.infra.idempotency;

/** The answer given to the first request with a key, replayed to every repeat. */
public record StoredResponse(int status, String contentType, String location, String body) {
}
