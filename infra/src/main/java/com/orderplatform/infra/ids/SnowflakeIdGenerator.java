package com.orderplatform.infra.ids;

import java.time.Clock;
import java.time.Instant;

/**
 * 64-bit ids: 41 bits of milliseconds since {@link #EPOCH}, 10 bits of node id, 12 bits of sequence.
 * Fails closed when the clock moves backwards by more than the tolerated step.
 */
public final class SnowflakeIdGenerator implements IdGenerator {

    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    static final int NODE_BITS = 10;
    static final int SEQUENCE_BITS = 12;
    public static final int MAX_NODE_ID = (1 << NODE_BITS) - 1;
    static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private final Clock clock;
    private final long nodeBits;
    private final long toleratedBackwardMillis;
    private long lastMillis = -1;
    private long sequence;

    public SnowflakeIdGenerator(int nodeId, Clock clock, long toleratedBackwardMillis) {
        if (nodeId < 0 || nodeId > MAX_NODE_ID) {
            throw new IllegalArgumentException("node id must be within 0.." + MAX_NODE_ID + ", was " + nodeId);
        }
        this.clock = clock;
        this.nodeBits = (long) nodeId << SEQUENCE_BITS;
        this.toleratedBackwardMillis = toleratedBackwardMillis;
    }

    @Override
    public synchronized long nextId() {
        long now = currentMillis();
        if (now < lastMillis) {
            if (lastMillis - now > toleratedBackwardMillis) {
                throw new IdGenerationUnavailableException(
                        "clock moved back by " + (lastMillis - now) + " ms; refusing to issue ids");
            }
            now = waitUntilAfter(lastMillis - 1);
        }
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                now = waitUntilAfter(lastMillis);
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return (now << (NODE_BITS + SEQUENCE_BITS)) | nodeBits | sequence;
    }

    public static Instant timestampOf(long id) {
        return EPOCH.plusMillis(id >>> (NODE_BITS + SEQUENCE_BITS));
    }

    public static int nodeOf(long id) {
        return (int) ((id >>> SEQUENCE_BITS) & MAX_NODE_ID);
    }

    private long waitUntilAfter(long millis) {
        long now = currentMillis();
        while (now <= millis) {
            Thread.onSpinWait();
            now = currentMillis();
        }
        return now;
    }

    private long currentMillis() {
        return clock.millis() - EPOCH.toEpochMilli();
    }
}
