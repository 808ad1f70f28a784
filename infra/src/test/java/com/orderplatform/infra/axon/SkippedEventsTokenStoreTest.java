package com.orderplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SkippedEventsTokenStoreTest {

    private static final String PROCESSOR = "views";

    private final List<TrackingToken> written = new ArrayList<>();
    private SkippedEventsTokenStore store;
    private final SegmentClaims claims = new SegmentClaims();

    @BeforeEach
    void setUp() {
        InMemoryTokenStore memory = new InMemoryTokenStore() {
            @Override
            public void storeToken(TrackingToken token, String processorName, int segment) {
                written.add(token);
                super.storeToken(token, processorName, segment);
            }
        };
        memory.initializeTokenSegments(PROCESSOR, 1);
        written.clear();
        store = new SkippedEventsTokenStore(memory, Duration.ofHours(1), claims);
    }

    private static TrackingToken at(long index) {
        return new GlobalSequenceTrackingToken(index);
    }

    @Test
    void aPositionMovedOnlyPastSkippedEventsIsWrittenOncePerInterval() {
        store.storeToken(at(1), PROCESSOR, 0);
        store.storeToken(at(2), PROCESSOR, 0);
        store.storeToken(at(3), PROCESSOR, 0);

        assertThat(written).containsExactly(at(1));
        assertThat(store.fetchToken(PROCESSOR, 0)).isEqualTo(at(1));
    }

    @Test
    void aPositionStoredWhileHandlingEventsIsAlwaysWritten() {
        store.storeToken(at(1), PROCESSOR, 0);
        DefaultUnitOfWork.startAndGet(null).execute(() -> store.storeToken(at(2), PROCESSOR, 0));
        store.storeToken(at(3), PROCESSOR, 0);

        assertThat(written).containsExactly(at(1), at(2), at(3));
    }

    @Test
    void aResetIsAlwaysWritten() {
        store.storeToken(at(5), PROCESSOR, 0);
        TrackingToken reset = ReplayToken.createReplayToken(at(5), null);
        store.storeToken(reset, PROCESSOR, 0);

        assertThat(written).containsExactly(at(5), reset);
    }

    @Test
    void aPositionThatMovesBackIsWritten() {
        store.storeToken(at(5), PROCESSOR, 0);
        store.storeToken(at(2), PROCESSOR, 0);

        assertThat(written).containsExactly(at(5), at(2));
    }

    @Test
    void afterItsClaimIsReleasedASegmentsNextPositionIsWritten() {
        store.storeToken(at(1), PROCESSOR, 0);
        store.releaseClaim(PROCESSOR, 0);
        store.storeToken(at(2), PROCESSOR, 0);

        assertThat(written).containsExactly(at(1), at(2));
    }
    @Test
    void aClaimedSegmentIsToldToThatProcessorsListenersOnly() {
        AtomicInteger views = new AtomicInteger();
        AtomicInteger others = new AtomicInteger();
        claims.onClaim(PROCESSOR, views::incrementAndGet);
        claims.onClaim("saga", others::incrementAndGet);

        store.fetchToken(PROCESSOR, 0);

        assertThat(views).hasValue(1);
        assertThat(others).hasValue(0);
    }
}
