package com.orderplatform.infra.ids;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Leases one of the 1,024 node ids in Redis: claimed at start (SET NX with a TTL), renewed in the background,
 * deleted on shutdown, free for anyone once it expires. The holder also publishes the latest moment it may issue
 * ids ({@code until}); whoever takes the id over waits until its own clock has passed that moment, so a node id
 * taken from a dead instance never repeats one of its ids. Unlike Leaf or uid-generator, ids are recycled.
 */
public class RedissonNodeLease implements NodeLease, AutoCloseable, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedissonNodeLease.class);
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              redis.call('SET', KEYS[2], ARGV[3])
              return 1
            end
            return 0""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[2], ARGV[2])
              return redis.call('DEL', KEYS[1])
            end
            return 0""";
    private static final String CLAIM = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              local previous = redis.call('GET', KEYS[2])
              redis.call('SET', KEYS[2], ARGV[3])
              return previous or '0'
            end
            return false""";

    private final RScript script;
    private final Clock clock;
    private final Duration ttl;
    private final String holder = UUID.randomUUID().toString();
    private final ScheduledExecutorService renewer;

    private volatile int nodeId = -1;
    private volatile long validUntilNanos;
    private volatile long usableFromMillis;
    private volatile String state = "not claimed";
    private volatile boolean running;

    public RedissonNodeLease(RedissonClient redisson, Clock clock, Duration ttl, Duration renewEvery) {
        this.script = redisson.getScript(StringCodec.INSTANCE);
        this.clock = clock;
        this.ttl = ttl;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "node-lease");
            thread.setDaemon(true);
            return thread;
        });
        if (!claim()) {
            renewer.shutdownNow();
            throw new IllegalStateException("All " + (SnowflakeIdGenerator.MAX_NODE_ID + 1)
                    + " Snowflake node ids are leased by live instances; none is free for this one");
        }
        renewer.scheduleWithFixedDelay(this::renewOrReclaim, renewEvery.toMillis(), renewEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    static String leaseKey(int node) {
        return "{ids}:node:" + node;
    }

    static String untilKey(int node) {
        return "{ids}:node:" + node + ":until";
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public boolean isUsable() {
        return nodeId >= 0 && System.nanoTime() - validUntilNanos < 0 && clock.millis() > usableFromMillis;
    }

    @Override
    public String describe() {
        return "node " + nodeId + ", " + state;
    }

    private boolean claim() {
        int start = ThreadLocalRandom.current().nextInt(SnowflakeIdGenerator.MAX_NODE_ID + 1);
        for (int i = 0; i <= SnowflakeIdGenerator.MAX_NODE_ID; i++) {
            int node = (start + i) % (SnowflakeIdGenerator.MAX_NODE_ID + 1);
            long startedNanos = System.nanoTime();
            String previousUntil = script.eval(RScript.Mode.READ_WRITE, CLAIM, RScript.ReturnType.VALUE,
                    List.of(leaseKey(node), untilKey(node)), holder, Long.toString(ttl.toMillis()),
                    Long.toString(clock.millis() + ttl.toMillis()));
            if (previousUntil != null) {
                usableFromMillis = Long.parseLong(previousUntil);
                validUntilNanos = startedNanos + ttl.toNanos();
                nodeId = node;
                state = "held";
                log.info("Snowflake node id {} leased (ttl {}); usable from {}", node, ttl,
                        java.time.Instant.ofEpochMilli(Math.max(usableFromMillis, clock.millis())));
                return true;
            }
        }
        return false;
    }

    /** A lost lease is claimed again on the next tick, so the generator refuses for at least one interval. */
    private void renewOrReclaim() {
        try {
            if (state.equals("lost")) {
                if (!claim()) {
                    log.error("No Snowflake node id is free; order ids stay unavailable");
                }
                return;
            }
            long startedNanos = System.nanoTime();
            Long renewed = script.eval(RScript.Mode.READ_WRITE, RENEW, RScript.ReturnType.INTEGER,
                    List.of(leaseKey(nodeId), untilKey(nodeId)), holder, Long.toString(ttl.toMillis()),
                    Long.toString(clock.millis() + ttl.toMillis()));
            if (renewed == 1L) {
                validUntilNanos = startedNanos + ttl.toNanos();
                state = "held";
                return;
            }
            validUntilNanos = System.nanoTime();
            state = "lost";
            log.warn("Snowflake node id {} lease lost; no ids until a node id is leased again", nodeId);
        } catch (RuntimeException e) {
            state = "renewal failing: " + e.getClass().getSimpleName();
            log.warn("Snowflake node id {} lease could not be renewed: {}", nodeId, e.toString());
        }
    }

    /**
     * Released in the last lifecycle phase: after the web server and the event processors have stopped (no more
     * ids needed), before beans are destroyed (Redis still reachable).
     */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Gives the node id back, recording that this instance will issue no id after now. */
    @Override
    public void close() {
        renewer.shutdownNow();
        if (nodeId < 0 || state.equals("released")) {
            return;
        }
        validUntilNanos = System.nanoTime();
        try {
            script.eval(RScript.Mode.READ_WRITE, RELEASE, RScript.ReturnType.INTEGER,
                    List.of(leaseKey(nodeId), untilKey(nodeId)), holder, Long.toString(clock.millis()));
            log.info("Snowflake node id {} released", nodeId);
        } catch (RuntimeException e) {
            log.info("Snowflake node id {} not released (Redis unreachable: {}); the lease expires by itself",
                    nodeId, e.getClass().getSimpleName());
        }
        state = "released";
    }
}
