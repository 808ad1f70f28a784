package com.orderplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The linger: an event just written is handed out once it is that old; an event from a backlog at once. */
class EventStoreSourceTest {

    private static final Duration LINGER = Duration.ofSeconds(1);

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();

    @AfterEach
    void stop() {
        eventStore.shutDown();
    }

    private long millisUntilAvailable(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        long start = System.nanoTime();
        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void anEventJustWrittenWaitsUntilItIsLingerOld() throws Exception {
        eventStore.publish(GenericEventMessage.asEventMessage("just now"));

        try (var stream = new EventStoreSource(eventStore, LINGER).openStream(null)) {
            assertThat(millisUntilAvailable(stream)).isGreaterThanOrEqualTo(LINGER.toMillis() - 50);
        }
    }

    @Test
    void anEventOlderThanTheLingerIsHandedOutAtOnce() throws Exception {
        eventStore.publish(new GenericEventMessage<>(UUID.randomUUID().toString(), "long ago", Map.of(),
                Instant.now().minusSeconds(60)));

        try (var stream = new EventStoreSource(eventStore, LINGER).openStream(null)) {
            assertThat(millisUntilAvailable(stream)).isLessThan(LINGER.toMillis() / 2);
        }
    }

    @Test
    void noLingerHandsTheStoreStreamOut() {
        assertThat(new EventStoreSource(eventStore, Duration.ZERO).openStream(null).getClass())
                .isEqualTo(eventStore.openStream(null).getClass());
    }
}
