package com.orderplatform.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code CompletableFuture}'s asynchronous steps run when nobody names an executor. On a machine of one or two
 * processors (this one; a pod limited to two CPUs) the JDK gives its common pool a parallelism of 1, and then
 * {@code CompletableFuture} does not use it at all: every such step starts a thread of its own. The JDK's HTTP client
 * hands each answer to a {@code sendAsync} caller that way — one new thread for every payment call's answer and every
 * webhook the simulated provider sends, each running the caller's continuation on cold caches (JFR found thousands of
 * {@code Thread-N} threads started by {@code CompletableFuture$ThreadPerTaskExecutor}, and they took 9 ms of CPU per
 * order in a cold instance's first half-minute). Giving the common pool two workers there makes those steps run on
 * it. The property is read once, when the common pool is created, so this runs first thing in {@code main}; a JVM
 * started with the property set keeps its own value.
 */
final class AsyncPool {

    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    private static final Logger log = LoggerFactory.getLogger(AsyncPool.class);

    private AsyncPool() {
    }

    /** Asks for a common pool of at least two workers where the JDK would give it one. */
    static void configure() {
        if (System.getProperty(PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(PARALLELISM, "2");
        }
    }

    /** Whether {@code CompletableFuture}'s default executor is the common pool, not a new thread per step. */
    static boolean asyncStepsShareAPool() {
        return new CompletableFuture<Void>().defaultExecutor() instanceof ForkJoinPool;
    }

    /** Says so at start-up when the common pool could not be configured (it was created before {@code main}). */
    static void report() {
        if (!asyncStepsShareAPool()) {
            log.warn("CompletableFuture starts a thread for every asynchronous "
                    + "step in this JVM (common pool parallelism {}); start it with -D{}=2",
                    ForkJoinPool.getCommonPoolParallelism(), PARALLELISM);
        }
    }
}
