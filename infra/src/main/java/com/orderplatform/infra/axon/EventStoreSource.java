package com.orderplatform.infra.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the tracking processors read it, with a linger: when an event has just been written, a
 * processor that finds it waits until the event is {@code linger} old before taking it, so that the events committed
 * meanwhile go in the same batch — one transaction, one token write, one disk write for all of them instead of one
 * each. Events from a backlog are older than that and are not waited for. It costs each processor hop up to
 * {@code linger} of latency; under moderate load it divides the commits of every processor several times.
 */
public final class EventStoreSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStore eventStore;
    private final Duration linger;

    public EventStoreSource(EventStore eventStore, Duration linger) {
        this.eventStore = eventStore;
        this.linger = linger;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(token);
        return linger.isZero() ? stream : new Lingering(stream, linger);
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return eventStore.createTokenSince(duration);
    }

    private record Lingering(BlockingStream<TrackedEventMessage<?>> stream, Duration linger)
            implements BlockingStream<TrackedEventMessage<?>> {

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (!stream.hasNextAvailable(timeout, unit)) {
                return false;
            }
            Optional<TrackedEventMessage<?>> next = stream.peek();
            if (next.isPresent()) {
                long waitNanos = Duration.between(Instant.now(), next.get().getTimestamp().plus(linger)).toNanos();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(waitNanos, linger.toNanos()));
                }
            }
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
