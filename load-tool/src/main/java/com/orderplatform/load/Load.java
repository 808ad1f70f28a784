package com.orderplatform.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** The two ways of putting load on the platform: a fixed number of busy callers, or a fixed arrival rate. */
final class Load {

    private Load() {
    }

    /**
     * Closed model: {@code concurrency} callers, each starting its next request as soon as the last one answered,
     * until {@code tasks} requests were made or {@code duration} passed. Returns the elapsed nanos.
     */
    static long closed(int concurrency, long tasks, Duration duration, LongConsumer request) {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread caller = new Thread(() -> {
                long task;
                while ((task = next.getAndIncrement()) < tasks && System.nanoTime() < deadline) {
                    request.accept(task);
                }
            }, "load-" + i);
            caller.start();
            callers.add(caller);
        }
        joinAll(callers);
        return System.nanoTime() - start;
    }

    /**
     * Open model: request i starts at {@code i / rate} seconds, whether or not earlier ones were answered; the
     * consumer gets the intended start (nanoTime), so latency includes any wait the client was forced into. When
     * {@code maxInFlight} requests are open, an arrival is counted as dropped instead of queued without bound.
     */
    static OpenResult open(double rate, Duration duration, int maxInFlight, LongConsumer request) {
        // No core threads: a new caller (and with it a new connection) is started only when every caller is busy, so
        // the callers, and their keep-alive connections, are reused as they would be by a real client's pool.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, maxInFlight, 30, TimeUnit.SECONDS, new SynchronousQueue<>());
        long start = System.nanoTime();
        long arrivals = (long) Math.floor(rate * duration.toNanos() / 1e9);
        long dropped = 0;
        for (long i = 0; i < arrivals; i++) {
            long intended = start + (long) (i * 1e9 / rate);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            try {
                pool.execute(() -> request.accept(intended));
            } catch (RejectedExecutionException full) {
                dropped++;
            }
        }
        shutdownAndWait(pool);
        return new OpenResult(arrivals, dropped, System.nanoTime() - start);
    }

    record OpenResult(long arrivals, long dropped, long elapsedNanos) {
    }

    static void forEachConcurrently(int concurrency, List<String> items, Consumer<String> work) {
        closed(concurrency, items.size(), Duration.ofDays(1), index -> work.accept(items.get((int) index)));
    }

    private static void shutdownAndWait(ExecutorService pool) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
