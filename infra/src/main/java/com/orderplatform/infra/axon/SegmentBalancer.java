package com.orderplatform.infra.axon;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Spreads the segments of each tracking processor over the instances that run it. Axon's processors claim segments
 * greedily — the first instance up takes them all and a later one idles — and give one up only when asked. Every
 * {@code every}, each instance says in Redis that it runs the processor (a sorted set of instance names scored by
 * time; names not heard of for three rounds are gone), counts the live ones and, holding more than its share,
 * releases the extra segments for {@code releaseFor}, long enough for another instance's idle thread to claim them.
 * The shares add up to the segments: each instance has segments ÷ instances, and the first (segments mod instances)
 * by name one more — so that four segments over three instances are 2, 1, 1 (with every share rounded up, two
 * instances could keep two each and the third none). A dead instance's claims expire by themselves (Axon's claim
 * timeout) and the survivors take them. Without Redis nothing moves: every claimed segment keeps being processed.
 */
public final class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final RedissonClient redisson;
    private final Clock clock;
    private final Duration every;
    private final Duration releaseFor;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();
    private ScheduledExecutorService timer;

    public SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokens, TransactionManager transactions,
                           RedissonClient redisson, Clock clock, Duration every, Duration releaseFor) {
        this.processing = processing;
        this.tokens = tokens;
        this.transactions = transactions;
        this.redisson = redisson;
        this.clock = clock;
        this.every = every;
        this.releaseFor = releaseFor;
    }

    /** One round: heartbeat, count the live instances, release what is over this instance's share. */
    public void balance() {
        for (StreamingEventProcessor processor : streamingProcessors()) {
            if (!processor.isRunning()) {
                continue;
            }
            try {
                balance(processor);
            } catch (RuntimeException e) {
                log.debug("Could not balance {} this round: {}", processor.getName(), e.toString());
            }
        }
    }

    private void balance(StreamingEventProcessor processor) {
        int segments = transactions.fetchInTransaction(() -> tokens.fetchSegments(processor.getName())).length;
        int owned = processor.processingStatus().size();
        if (segments < 2) {
            return;
        }
        long now = clock.millis();
        RScoredSortedSet<String> members = members(processor);
        await(members.addAsync(now, instance));
        await(members.removeRangeByScoreAsync(0, true, now - 3 * every.toMillis(), true));
        await(members.expireAsync(Duration.ofMillis(10 * every.toMillis())));
        int share = shareOf(segments, List.copyOf(await(members.readAllAsync())), instance);
        if (owned <= share) {
            return;
        }
        List<Integer> extra = processor.processingStatus().keySet().stream()
                .sorted(Comparator.reverseOrder()).limit(owned - share).toList();
        log.info("{}: {} of {} segments held by this instance, whose share is {}: releasing {}", processor.getName(),
                owned, segments, share, extra);
        extra.forEach(segment -> processor.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * An instance's share of a processor's segments among the live ones: segments ÷ instances, one more for the first
     * (segments mod instances) of them by name. An instance not (yet) among them is counted as one more.
     */
    static int shareOf(int segments, List<String> live, String instance) {
        List<String> names = new ArrayList<>(live);
        if (!names.contains(instance)) {
            names.add(instance);
        }
        names.sort(Comparator.naturalOrder());
        int rank = names.indexOf(instance);
        return segments / names.size() + (rank < segments % names.size() ? 1 : 0);
    }

    private RScoredSortedSet<String> members(StreamingEventProcessor processor) {
        return redisson.getScoredSortedSet("processors:" + processor.getName() + ":instances");
    }

    /**
     * A Redis answer within a second. Asked asynchronously: a synchronous Redisson call whose connection died with
     * the server was seen never to return, and this runs in the shutdown too.
     */
    private static <T> T await(org.redisson.api.RFuture<T> answer) {
        try {
            return answer.toCompletableFuture().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Redis did not answer", e);
        }
    }

    private List<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::balance, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            for (StreamingEventProcessor processor : streamingProcessors()) {
                await(members(processor).removeAsync(instance));
            }
        } catch (RuntimeException e) {
            log.debug("Could not say goodbye in Redis: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }
}
