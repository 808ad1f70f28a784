package com.orderplatform.infra.axon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * A token store that writes a processor's position at most once per {@code interval} while the processor only moves
 * past events it does not handle. Every tracking processor reads every event; after each commit of the others, each
 * one that had nothing to do still wrote its new position — a transaction, and an H2 disk write, per processor per
 * commit. Such a position may lag behind by up to {@code interval}: after a crash the processor reads those events
 * again and, again, does nothing with them. Positions stored while handling events (in a unit of work), resets,
 * initialisations and anything that does not move forward are written at once.
 */
public final class SkippedEventsTokenStore implements TokenStore {

    private final TokenStore delegate;
    private final long intervalNanos;
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    private record Written(TrackingToken token, long atNanos) {
    }

    private final SegmentClaims claims;

    public SkippedEventsTokenStore(TokenStore delegate, Duration interval) {
        this(delegate, interval, new SegmentClaims());
    }

    /** Also tells {@code claims} of every segment claimed (a processor's worker fetches its token to claim it). */
    public SkippedEventsTokenStore(TokenStore delegate, Duration interval, SegmentClaims claims) {
        this.delegate = delegate;
        this.intervalNanos = interval.toNanos();
        this.claims = claims;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        String key = processorName + "/" + segment;
        if (CurrentUnitOfWork.isStarted()) {
            written.remove(key);
            delegate.storeToken(token, processorName, segment);
            return;
        }
        Written last = written.get(key);
        long now = System.nanoTime();
        if (last != null && token != null && last.token() != null && !(token instanceof ReplayToken)
                && token.covers(last.token()) && now - last.atNanos() < intervalNanos) {
            return;
        }
        delegate.storeToken(token, processorName, segment);
        written.put(key, new Written(token, now));
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        written.remove(processorName + "/" + segment);
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount)
            throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount,
                                        TrackingToken initialToken) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        TrackingToken token = delegate.fetchToken(processorName, segment);
        claims.claimed(processorName);
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment)
            throws UnableToClaimTokenException {
        TrackingToken token = delegate.fetchToken(processorName, segment);
        claims.claimed(processorName);
        return token;
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment)
            throws UnableToInitializeTokenException {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        written.remove(processorName + "/" + segment);
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
