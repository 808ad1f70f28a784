package com.orderplatform.infra.axon;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells a processor's handlers that this process has just claimed one of the processor's segments. Whatever a handler
 * kept in memory about that processor's events may be stale then: with several instances, a segment this process
 * held before may have been processed by another one in between (its claim released after an error, handed over by
 * the balancer, or taken after a pause longer than the claim timeout).
 */
public final class SegmentClaims {

    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();

    /** {@code listener} runs on every claim of a segment of {@code processor}, on the claiming thread. */
    public void onClaim(String processor, Runnable listener) {
        listeners.computeIfAbsent(processor, name -> new CopyOnWriteArrayList<>()).add(listener);
    }

    void claimed(String processor) {
        listeners.getOrDefault(processor, List.of()).forEach(Runnable::run);
    }
}
