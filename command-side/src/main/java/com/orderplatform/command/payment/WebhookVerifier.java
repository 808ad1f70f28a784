package com.orderplatform.command.payment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;

/**
 * Checks a provider webhook before anything is read from it: the signature header
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} must match the body under the shared secret (else 401),
 * and {@code t} must be within {@code tolerance} of now (else 400: an old webhook sent again is a replay). Within
 * the tolerance, an event id already handled here is refused as a replay too (409); ids are kept as long as their
 * timestamp is within the tolerance, after which the timestamp check refuses them anyway. The ids are this
 * instance's: a duplicate delivered to another instance is applied there, and changes nothing, as every outcome is
 * recorded idempotently by the Payment aggregate.
 */
class WebhookVerifier {

    /** A webhook refused: its HTTP status and the problem's code. */
    static final class Refused extends RuntimeException {
        final HttpStatus status;
        final String code;

        Refused(HttpStatus status, String code, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;
    private final Map<String, Long> handled = new LinkedHashMap<>();

    WebhookVerifier(String secret, Duration tolerance, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Returns the signed timestamp (unix seconds) once the signature and its age are good. */
    long verify(String header, byte[] body) {
        if (secret.length == 0) {
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "WEBHOOK_SECRET_MISSING",
                    "No webhook secret is configured (orders.payment.provider.webhook-secret).");
        }
        if (header == null) {
            throw new Refused(HttpStatus.UNAUTHORIZED, "WEBHOOK_SIGNATURE_INVALID", "The signature header is missing.");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("[0-9]{1,12}")) {
                timestamp = Long.parseLong(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new Refused(HttpStatus.UNAUTHORIZED, "WEBHOOK_SIGNATURE_INVALID", "The signature header is malformed.");
        }
        byte[] expected = HexFormat.of().formatHex(hmac(timestamp + ".", body)).getBytes(StandardCharsets.US_ASCII);
        if (signatures.stream().noneMatch(given ->
                MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII)))) {
            throw new Refused(HttpStatus.UNAUTHORIZED, "WEBHOOK_SIGNATURE_INVALID",
                    "The signature does not match the body.");
        }
        if (Math.abs(clock.millis() / 1000 - timestamp) > tolerance.toSeconds()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "WEBHOOK_TIMESTAMP_OUTSIDE_TOLERANCE",
                    "The webhook was signed more than " + tolerance + " from now.");
        }
        return timestamp;
    }

    /** Refuses an event id handled here before (409). */
    synchronized void refuseIfHandled(String eventId) {
        if (handled.containsKey(eventId)) {
            throw new Refused(HttpStatus.CONFLICT, "WEBHOOK_REPLAYED", "Event " + eventId + " was handled already.");
        }
    }

    /** Remembers an event id as handled, and forgets those whose timestamps are past the tolerance. */
    synchronized void handled(String eventId, long timestamp) {
        long oldest = clock.millis() / 1000 - tolerance.toSeconds();
        // Insertion order is nearly timestamp order: the expired ones are at the head.
        for (var entries = handled.values().iterator(); entries.hasNext() && entries.next() < oldest; ) {
            entries.remove();
        }
        handled.put(eventId, timestamp);
    }

    private byte[] hmac(String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
