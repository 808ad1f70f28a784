package com.orderplatform.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The provider's own record of intents, refunds and webhook endpoints. Every change is appended to a journal file
 * (one JSON line, written through to the operating system before the caller is answered) and the journal is read
 * back on start, the last line of each intent winning — so the record outlives the provider's process, as a real
 * provider's outlives any one of its servers. (Not fsync'd: a machine crash may lose the last lines; a process
 * crash does not.) One lock guards it all: a simulator's few hundred calls a second do not need more.
 */
final class ProviderBook implements AutoCloseable {

    /** One journal line: exactly one of the three is set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(Intent intent, Refund refund, String endpoint) {
    }

    /** What {@link #charge} found under the idempotency key. */
    record Charge(Intent intent, boolean replayed) {
    }

    /** What {@link #refund} found under the idempotency key. */
    record Refunded(Refund refund, boolean replayed) {
    }

    static final class IdempotencyMismatch extends RuntimeException {
        IdempotencyMismatch(String key) {
            super("Keys for idempotent requests can only be used with the same parameters they were first used with: "
                    + key);
        }
    }

    static final class RefundRefused extends RuntimeException {
        final String code;

        RefundRefused(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final ObjectMapper json;
    private final BufferedWriter journal;
    private final Map<String, Intent> intents = new HashMap<>();
    private final List<String> intentOrder = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, String> intentByKey = new HashMap<>();
    private final Map<String, List<String>> intentsByOrder = new HashMap<>();
    private final Map<String, Refund> refunds = new HashMap<>();
    private final Map<String, String> refundByKey = new HashMap<>();
    private final Map<String, List<String>> refundsByIntent = new HashMap<>();
    private final Set<String> endpoints = new LinkedHashSet<>();
    private long sequence;

    ProviderBook(Path dataDir, ObjectMapper json) {
        this.json = json;
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("journal.jsonl");
            if (Files.exists(file)) {
                try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (!line.isBlank()) {
                            apply(json.readValue(line, Entry.class));
                        }
                    }
                }
            }
            journal = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the provider's journal in " + dataDir, e);
        }
    }

    /** A new intent under {@code key}, or the one the key already names; another request under it is refused. */
    synchronized Charge charge(String key, String fingerprint, String orderId, long amount, String currency,
                               String paymentMethod, long now, long decideAt) {
        String existing = intentByKey.get(key);
        if (existing != null) {
            Intent intent = intents.get(existing);
            if (!intent.fingerprint().equals(fingerprint)) {
                throw new IdempotencyMismatch(key);
            }
            return new Charge(record(intent.called(new Intent.Call(now, "charge", "repeat: first answer again"))), true);
        }
        Intent intent = new Intent(nextId("pi_"), key, fingerprint, orderId, amount, currency, paymentMethod,
                Intent.PROCESSING, null, 0, now, decideAt, List.of(new Intent.Call(now, "charge", "accepted")));
        return new Charge(record(intent), false);
    }

    synchronized Intent decide(String intentId, String status, String declineCode) {
        return record(intents.get(intentId).decided(status, declineCode));
    }

    /** A refund of {@code amount} of a succeeded intent, at most what is left of it; the key's first answer again. */
    synchronized Refunded refund(String key, String fingerprint, String intentId, long amount, long now) {
        String existing = refundByKey.get(key);
        if (existing != null) {
            Refund refund = refunds.get(existing);
            if (!refund.fingerprint().equals(fingerprint)) {
                throw new IdempotencyMismatch(key);
            }
            record(intents.get(refund.paymentIntent()).called(new Intent.Call(now, "refund", "repeat: first answer again")));
            return new Refunded(refund, true);
        }
        Intent intent = intents.get(intentId);
        if (intent == null) {
            throw new RefundRefused("resource_missing", "No such payment_intent: " + intentId);
        }
        if (!Intent.SUCCEEDED.equals(intent.status())) {
            throw new RefundRefused("charge_not_refundable", "Payment intent " + intentId + " is " + intent.status());
        }
        if (amount > intent.amount() - intent.amountRefunded()) {
            throw new RefundRefused("amount_too_large", "Refund of " + amount + " exceeds the "
                    + (intent.amount() - intent.amountRefunded()) + " left of " + intentId);
        }
        Refund refund = new Refund(nextId("re_"), key, fingerprint, intentId, intent.orderId(), amount,
                intent.currency(), "succeeded", now);
        write(new Entry(null, refund, null));
        apply(new Entry(null, refund, null));
        record(intent.refunded(amount).called(new Intent.Call(now, "refund", "accepted")));
        return new Refunded(refund, false);
    }

    synchronized boolean refunded(String key) {
        return refundByKey.containsKey(key);
    }

    synchronized void addEndpoint(String url) {
        if (!endpoints.contains(url)) {
            write(new Entry(null, null, url));
            endpoints.add(url);
        }
    }

    synchronized List<String> endpoints() {
        return List.copyOf(endpoints);
    }

    synchronized Optional<Intent> intent(String id) {
        return Optional.ofNullable(intents.get(id));
    }

    synchronized List<Intent> intentsOfOrder(String orderId) {
        return intentsByOrder.getOrDefault(orderId, List.of()).stream().map(intents::get).toList();
    }

    /**
     * Up to {@code limit} intents in the order they were created, after {@code startingAfter} (null: from the first
     * created at or after {@code createdGte}, epoch milliseconds).
     */
    synchronized List<Intent> page(String startingAfter, long createdGte, int limit) {
        int from = startingAfter == null ? firstCreatedAtOrAfter(createdGte)
                : positions.getOrDefault(startingAfter, -1) + 1;
        if (startingAfter != null && from == 0) {
            return List.of();
        }
        return intentOrder.subList(Math.min(from, intentOrder.size()), Math.min(from + limit, intentOrder.size()))
                .stream().map(intents::get).toList();
    }

    /** Intents are recorded in creation order, so their creation times rise (to the millisecond) along the list. */
    private int firstCreatedAtOrAfter(long createdGte) {
        int low = 0;
        int high = intentOrder.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (intents.get(intentOrder.get(middle)).created() < createdGte) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    synchronized List<Refund> refundsOf(String intentId) {
        return refundsByIntent.getOrDefault(intentId, List.of()).stream().map(refunds::get).toList();
    }

    synchronized List<Intent> processing() {
        return intents.values().stream().filter(intent -> Intent.PROCESSING.equals(intent.status())).toList();
    }

    private Intent record(Intent intent) {
        write(new Entry(intent, null, null));
        apply(new Entry(intent, null, null));
        return intent;
    }

    private void apply(Entry entry) {
        if (entry.intent() != null) {
            Intent intent = entry.intent();
            if (intents.put(intent.id(), intent) == null) {
                positions.put(intent.id(), intentOrder.size());
                intentOrder.add(intent.id());
                intentByKey.put(intent.idempotencyKey(), intent.id());
                intentsByOrder.computeIfAbsent(intent.orderId(), id -> new ArrayList<>(1)).add(intent.id());
            }
            sequence = Math.max(sequence, Long.parseLong(intent.id().substring(3)));
        } else if (entry.refund() != null) {
            Refund refund = entry.refund();
            refunds.put(refund.id(), refund);
            refundByKey.put(refund.idempotencyKey(), refund.id());
            refundsByIntent.computeIfAbsent(refund.paymentIntent(), id -> new ArrayList<>(1)).add(refund.id());
            sequence = Math.max(sequence, Long.parseLong(refund.id().substring(3)));
        } else if (entry.endpoint() != null) {
            endpoints.add(entry.endpoint());
        }
    }

    private String nextId(String prefix) {
        return prefix + String.format("%012d", ++sequence);
    }

    private void write(Entry entry) {
        try {
            journal.write(json.writeValueAsString(entry));
            journal.newLine();
            journal.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the provider's journal", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
