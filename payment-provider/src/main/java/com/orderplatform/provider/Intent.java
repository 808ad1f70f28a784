package com.orderplatform.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * A payment intent as the provider records it: created {@code processing} by a confirmed charge request, then
 * {@code succeeded} (captured in full) or {@code declined}; {@code amountRefunded} never exceeds {@code amount}.
 * {@code fingerprint} is the request its idempotency key was first used with; {@code decideAt}: when its outcome is
 * due (a provider restarted meanwhile decides it then, as if it had kept running). Times are epoch milliseconds.
 */
public record Intent(String id, String idempotencyKey, String fingerprint, String orderId, long amount, String currency,
                     String paymentMethod, String status, String declineCode, long amountRefunded, long created,
                     long decideAt, List<Call> calls) {

    public static final String PROCESSING = "processing";
    public static final String SUCCEEDED = "succeeded";
    public static final String DECLINED = "declined";

    /** One request the provider received about this intent, and what it did with it. */
    public record Call(long at, String kind, String outcome) {
    }

    /** The calls kept per intent; a client retrying in a loop must not grow the record without end. */
    static final int KEPT_CALLS = 20;

    Intent decided(String newStatus, String newDeclineCode) {
        return new Intent(id, idempotencyKey, fingerprint, orderId, amount, currency, paymentMethod, newStatus,
                newDeclineCode, amountRefunded, created, decideAt, calls);
    }

    Intent refunded(long more) {
        return new Intent(id, idempotencyKey, fingerprint, orderId, amount, currency, paymentMethod, status,
                declineCode, amountRefunded + more, created, decideAt, calls);
    }

    Intent called(Call call) {
        List<Call> more = new ArrayList<>(calls);
        more.add(call);
        return new Intent(id, idempotencyKey, fingerprint, orderId, amount, currency, paymentMethod, status,
                declineCode, amountRefunded, created, decideAt,
                List.copyOf(more.subList(Math.max(0, more.size() - KEPT_CALLS), more.size())));
    }
}
