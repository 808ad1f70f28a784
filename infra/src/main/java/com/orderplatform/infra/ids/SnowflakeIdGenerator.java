package com.orderplatform.infra.ids;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * 64-bit ids: 41 bits of milliseconds since {@link #EPOCH}, 10 bits of node id, 12 bits of sequence. The sequence's
 * low {@value #ROUTE_BITS} bits are the id's route, chosen by the caller ({@link OrderRoutes}: an order's route is
 * its SKU's, so that one SKU's orders are served by one segment of the saga); the 8 above count — at most 256 ids
 * per millisecond per node. Lock-free (one CAS per id) and allocation-free. Fails closed: no id while the node lease
 * is not usable, none after the clock moved back by more than the tolerated step; a smaller step back is waited out.
 */
public final class SnowflakeIdGenerator implements IdGenerator {

    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    static final int NODE_BITS = 10;
    static final int SEQUENCE_BITS = 12;
    public static final int MAX_NODE_ID = (1 << NODE_BITS) - 1;
    static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    static final int ROUTE_BITS = 4;
    /** How many routes an id can carry. */
    public static final int ROUTES = 1 << ROUTE_BITS;
    /** The last sequence of a millisecond whose route bits are clear. */
    private static final long LAST_COUNT = MAX_SEQUENCE + 1 - ROUTES;
    private static final long EPOCH_MILLIS = EPOCH.toEpochMilli();

    private final Clock clock;
    private final NodeLease lease;
    private final long toleratedBackwardMillis;
    /** (milliseconds since the epoch << SEQUENCE_BITS) | sequence of the last id issued, route bits clear. */
    private final AtomicLong last = new AtomicLong();

    public SnowflakeIdGenerator(NodeLease lease, Clock clock, long toleratedBackwardMillis) {
        this.clock = clock;
        this.lease = lease;
        this.toleratedBackwardMillis = toleratedBackwardMillis;
    }

    @Override
    public long nextId(int route) {
        if (route < 0 || route >= ROUTES) {
            throw new IllegalArgumentException("route " + route + " is not in [0, " + ROUTES + ")");
        }
        if (!lease.isUsable()) {
            throw new IdGenerationUnavailableException("node id lease not usable: " + lease.describe());
        }
        long node = (long) lease.nodeId() << SEQUENCE_BITS;
        while (true) {
            // The last id before the clock: the other way round, a thread descheduled between the two reads would
            // find ids issued meanwhile at later milliseconds and take them for a clock that moved back.
            long current = last.get();
            long now = clock.millis() - EPOCH_MILLIS;
            long lastMillis = current >>> SEQUENCE_BITS;
            long next;
            if (now > lastMillis) {
                next = now << SEQUENCE_BITS;
            } else if (lastMillis - now > toleratedBackwardMillis) {
                throw new IdGenerationUnavailableException(
                        "clock moved back by " + (lastMillis - now) + " ms; refusing to issue ids");
            } else if (now < lastMillis || (current & MAX_SEQUENCE) == LAST_COUNT) {
                LockSupport.parkNanos(50_000);
                continue;
            } else {
                next = current + ROUTES;
            }
            if (last.compareAndSet(current, next)) {
                return ((next >>> SEQUENCE_BITS) << (NODE_BITS + SEQUENCE_BITS)) | node | (next & MAX_SEQUENCE)
                        | route;
            }
        }
    }

    public static Instant timestampOf(long id) {
        return EPOCH.plusMillis(id >>> (NODE_BITS + SEQUENCE_BITS));
    }

    /** The route an id carries. */
    public static int routeOf(long id) {
        return (int) (id & (ROUTES - 1));
    }

    public static int nodeOf(long id) {
        return (int) ((id >>> SEQUENCE_BITS) & MAX_NODE_ID);
    }
}
