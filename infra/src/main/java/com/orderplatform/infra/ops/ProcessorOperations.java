package com.orderplatform.infra.ops;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event processors as operators see them — mode, segments and their owners, position, lag, replaying, dead
 * letters — and what they may do: retry a view's dead letters, replay a view from the start. Processors whose
 * handlers act on the world (the saga sends commands, the publisher publishes, the payment processor calls the
 * provider) refuse a replay.
 */
public class ProcessorOperations {

    /** Processors that must never be replayed, and why. */
    static final Map<String, String> NOT_REPLAYABLE = Map.of(
            "order-saga", "replaying the saga would send its commands again",
            "kafka-publisher", "replaying the publisher would publish every event to Kafka again",
            "payment-gateway", "replaying the payment processor would call the payment provider again");

    static final String REPLAY = "PROCESSOR_REPLAY";
    static final String RETRY_DEAD_LETTERS = "DEAD_LETTERS_RETRY";

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final OperatorActions actions;

    public ProcessorOperations(EventProcessingConfiguration processing, JdbcTemplate jdbc, OperatorActions actions) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.actions = actions;
    }

    public record Segment(int segment, String owner, Long position, Long lag, boolean replaying, boolean caughtUp,
                          boolean error) {
    }

    public record Processor(String name, String mode, boolean running, List<Segment> segments, long deadLetters,
                            String replay) {
    }

    public record Letter(String eventType, String aggregate, Long sequence, Instant enqueuedAt, Instant lastTouched,
                         String causeType, String causeMessage) {
    }

    public record Sequence(String sequence, List<Letter> letters) {
    }

    public record Retried(String processor, int sequencesRetried, long deadLettersLeft) {
    }

    /** The event processors' names, without reading their positions. */
    public List<String> names() {
        return List.copyOf(new TreeMap<>(processing.eventProcessors()).keySet());
    }

    public List<Processor> processors() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        Map<String, String> owners = new TreeMap<>();
        jdbc.query("select processor_name, segment, owner from token_entry", rs -> {
            owners.put(rs.getString(1) + "#" + rs.getInt(2), rs.getString(3));
        });
        List<Processor> all = new ArrayList<>();
        new TreeMap<>(processing.eventProcessors()).forEach((name, processor) ->
                all.add(describe(name, processor, head, owners)));
        return all;
    }

    public List<Sequence> deadLetters(String name) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        List<Sequence> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            List<Letter> letters = new ArrayList<>();
            String id = null;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                EventMessage<?> event = letter.message();
                String aggregate = event instanceof DomainEventMessage<?> domain
                        ? domain.getType() + ":" + domain.getAggregateIdentifier() : null;
                Long seq = event instanceof DomainEventMessage<?> domain
                        ? domain.getSequenceNumber() : null;
                if (id == null && event instanceof DomainEventMessage<?> domain) {
                    id = domain.getAggregateIdentifier();
                }
                letters.add(new Letter(event.getPayloadType().getSimpleName(), aggregate, seq, letter.enqueuedAt(),
                        letter.lastTouched(), letter.cause().map(c -> c.type()).orElse(null),
                        letter.cause().map(c -> c.message()).orElse(null)));
            }
            sequences.add(new Sequence(id, letters));
        }
        return sequences;
    }

    public Retried retryDeadLetters(Actor operator, String name) {
        return actions.run(operator, RETRY_DEAD_LETTERS, "processor:" + name, () -> {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
            SequencedDeadLetterProcessor<EventMessage<?>> retrier = processing.sequencedDeadLetterProcessor(name)
                    .orElseThrow(() -> noDeadLetters(name));
            long sequences = queue.amountOfSequences();
            int retried = 0;
            // Each call takes one sequence, oldest first; a sequence that fails again goes back to the queue.
            for (long i = 0; i < sequences && retrier.processAny(); i++) {
                retried++;
            }
            Retried done = new Retried(name, retried, queue.size());
            return new OperatorActions.Done<>(done, retried + " sequences retried, " + done.deadLettersLeft() + " left");
        });
    }

    /** Rebuilds the view from the first event: its reset handler empties it, then every event is handled again. */
    public Processor replay(Actor operator, String name) {
        return actions.run(operator, REPLAY, "processor:" + name, () -> {
            EventProcessor processor = processing.eventProcessor(name)
                    .orElseThrow(() -> RuleViolation.notFound("PROCESSOR_NOT_FOUND", "No event processor " + name + "."));
            if (NOT_REPLAYABLE.containsKey(name)) {
                throw RuleViolation.conflict("REPLAY_REFUSED", "Processor " + name + " is not replayed: "
                        + NOT_REPLAYABLE.get(name) + ".");
            }
            if (!(processor instanceof TrackingEventProcessor tracking) || !tracking.supportsReset()) {
                throw RuleViolation.conflict("REPLAY_REFUSED", "Processor " + name + " has no position to replay "
                        + "from (it handles events as they are published).");
            }
            tracking.shutDown();
            tracking.resetTokens();
            tracking.start();
            Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
            return new OperatorActions.Done<>(describe(name, tracking, head, Map.of()), "replay started");
        });
    }

    private Processor describe(String name, EventProcessor processor, Long head, Map<String, String> owners) {
        long deadLetters = processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size).orElse(0L);
        String replay = NOT_REPLAYABLE.getOrDefault(name, null);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new Processor(name, "subscribing", processor.isRunning(), List.of(), deadLetters,
                    "not replayable: it handles events as they are published");
        }
        List<Segment> segments = new ArrayList<>();
        new TreeMap<>(streaming.processingStatus()).forEach((id, status) -> segments.add(segment(name, id, status,
                head, owners)));
        return new Processor(name, "tracking", processor.isRunning(), segments, deadLetters,
                replay == null ? "replayable" : "not replayable: " + replay);
    }

    private static Segment segment(String name, int id, EventTrackerStatus status, Long head, Map<String, String> owners) {
        Long position = status.getCurrentPosition().isPresent() ? status.getCurrentPosition().getAsLong() : null;
        Long lag = position != null && head != null ? Math.max(0, head - position) : null;
        return new Segment(id, owners.get(name + "#" + id), position, lag, status.isReplaying(), status.isCaughtUp(),
                status.isErrorState());
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String name) {
        if (processing.eventProcessor(name).isEmpty()) {
            throw RuleViolation.notFound("PROCESSOR_NOT_FOUND", "No event processor " + name + ".");
        }
        return processing.deadLetterQueue(name).orElseThrow(() -> noDeadLetters(name));
    }

    private static RuleViolation noDeadLetters(String name) {
        return RuleViolation.conflict("NO_DEAD_LETTER_QUEUE", "Processor " + name + " has no dead-letter queue: "
                + "its failures are retried in place.");
    }
}
