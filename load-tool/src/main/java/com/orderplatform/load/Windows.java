package com.orderplatform.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * CPU readings taken every {@code window} of a steady run, so that a long run shows whether an order costs the same
 * in its last minute as in its first: per window, the orders placed in it, the server's CPU in it per such order, and
 * their place→PAID latency.
 */
final class Windows {

    /** One window of the run: its start (seconds into the run), its orders and what they cost and waited. */
    record Window(double fromSecond, double seconds, long orders, Double serverMillisPerOrder, double placeToPaidP50,
                  double placeToPaidP99) {
    }

    private record Stamp(Instant at, CpuTime.Reading reading) {
    }

    private final CpuTime cpu;
    private final long windowNanos;
    private final List<Stamp> stamps = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "windows");
        thread.setDaemon(true);
        return thread;
    });

    private Windows(CpuTime cpu, Duration window) {
        this.cpu = cpu;
        this.windowNanos = window.toNanos();
    }

    static Windows start(CpuTime cpu, Duration window) {
        Windows windows = new Windows(cpu, window);
        windows.stamp();
        windows.timer.scheduleAtFixedRate(windows::stamp, window.toNanos(), window.toNanos(), TimeUnit.NANOSECONDS);
        return windows;
    }

    private void stamp() {
        stamps.add(new Stamp(Instant.now(), cpu.read()));
    }

    /** Ends the last window; a remnant shorter than half a window joins the one before. */
    void stop() {
        timer.shutdownNow();
        Stamp last = stamps.get(stamps.size() - 1);
        if (stamps.size() > 1 && Duration.between(last.at(), Instant.now()).toNanos() < windowNanos / 2) {
            stamps.remove(stamps.size() - 1);
        }
        stamp();
    }

    /** The windows of the run, with the orders among {@code orderIds} that were placed in each. */
    List<Window> of(OrderTracker tracker, Collection<String> orderIds) {
        List<Window> windows = new ArrayList<>();
        Instant first = stamps.get(0).at();
        for (int i = 0; i + 1 < stamps.size(); i++) {
            Stamp from = stamps.get(i);
            Stamp to = stamps.get(i + 1);
            Histogram placeToPaid = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
            long orders = 0;
            for (String orderId : orderIds) {
                Instant placed = tracker.placedAt(orderId).orElse(null);
                if (placed != null && !placed.isBefore(from.at()) && placed.isBefore(to.at())) {
                    orders++;
                    tracker.placeToPaidMicros(orderId).ifPresent(micros ->
                            placeToPaid.recordValue(Math.min(micros, placeToPaid.getHighestTrackableValue())));
                }
            }
            Report.Latency latency = Report.Latency.of(placeToPaid);
            windows.add(new Window(Duration.between(first, from.at()).toMillis() / 1000.0,
                    Duration.between(from.at(), to.at()).toMillis() / 1000.0, orders,
                    to.reading().since(from.reading(), orders).serverMillis(), latency.p50(), latency.p99()));
        }
        return windows;
    }
}
