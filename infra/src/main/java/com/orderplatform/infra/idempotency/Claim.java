package com.orderplatform.infra.idempotency;

/** What a request with an Idempotency-Key finds. */
public sealed interface Claim {

    /** The key is new: this request is the one that runs. */
    record Granted() implements Claim {
    }

    /** Another request with this key is still running. */
    record InFlight() implements Claim {
    }

    /** The key was used before with a different request. */
    record Mismatch() implements Claim {
    }

    /** The key was used before with this very request: here is its answer. */
    record Answered(StoredResponse response) implements Claim {
    }
}
