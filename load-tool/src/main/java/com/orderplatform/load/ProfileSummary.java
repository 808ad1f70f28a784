package com.orderplatform.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's CPU went, per component, from a JFR recording (best with {@code jdk.ThreadCPULoad#period=1s}):
 * {@code java -cp load-tool.jar com.orderplatform.load.ProfileSummary recording.jfr [orders [from to]]}, with
 * {@code from} and {@code to} instants (a load report's {@code started} and {@code orders-finished}) to look at one
 * scenario of a longer recording.
 * Each thread's CPU comes from {@code jdk.ThreadCPULoad}, grouped by what the thread does. JFR emits that event
 * for a thread only once it used a millisecond since its last one, with the load over the last period alone, so
 * each event stands for its load over one period (the most frequent gap between two events of one thread); the rest of the process's CPU ({@code jdk.CPULoad}) is the JVM itself (GC, VM threads) and threads too short
 * to be sampled. Given the number of orders the recording covers, it prints milliseconds of CPU per order, and for
 * each component the application frames its execution samples were in most often.
 */
public final class ProfileSummary {

    /** Components in order of precedence: the first pattern a thread's name matches decides. */
    static final Map<String, Pattern> COMPONENTS = components();

    private ProfileSummary() {
    }

    private static Map<String, Pattern> components() {
        Map<String, Pattern> components = new LinkedHashMap<>();
        components.put("request threads", Pattern.compile("http-nio-.*"));
        components.put("order saga", Pattern.compile("EventProcessor\\[order-saga\\].*|order-saga.*"));
        // Thread-N: the simulated provider's callbacks before it had an executor of its own (one thread per call).
        components.put("payment processor", Pattern.compile("EventProcessor\\[payment-gateway\\].*|payment-.*"
                + "|Thread-\\d+"));
        components.put("views", Pattern.compile("EventProcessor\\[(order-view|product-view)\\].*"));
        components.put("Kafka publisher", Pattern.compile("EventProcessor\\[kafka-publisher\\].*|kafka-producer-.*"));
        components.put("Kafka consumer (views)", Pattern.compile("AsyncFetcher.*"));
        components.put("Kafka broker", Pattern.compile("data-plane-kafka.*|kafka-.*|broker-.*|quorum-.*|controller-.*"
                + "|raft-.*|ExpirationReaper-.*|LogDirFailureHandler|group-coordinator.*|transaction-.*|.*-reaper.*"
                + "|kafka-log-cleaner.*|metrics-meter-tick-thread|executor-.*|share-coordinator.*"));
        components.put("event store reader", Pattern.compile("EmbeddedEventStore.*"));
        components.put("deadlines / sweeps", Pattern.compile("db-scheduler.*"));
        components.put("Redis client", Pattern.compile("redisson-.*"));
        components.put("H2 background writes", Pattern.compile("H2-.*|MVStore background writer.*"));
        components.put("group commit (placements, payment outcomes)", Pattern.compile("group-commit-.*"));
        components.put("JIT compiler", Pattern.compile("C\\d CompilerThread.*"));
        return components;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary <recording.jfr> [orders]");
            System.exit(2);
        }
        long orders = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Instant from = args.length > 3 ? Instant.parse(args[2]) : Instant.MIN;
        Instant to = args.length > 3 ? Instant.parse(args[3]) : Instant.MAX;
        System.out.print(summarise(Path.of(args[0]), orders, from, to));
    }

    /** The CPU of the periods between load readings, clipped to [from, to]. */
    static String summarise(Path recording, long orders, Instant from, Instant to) throws IOException {
        Map<String, Double> cpuSecondsByThread = new HashMap<>();
        Map<String, Map<String, Integer>> framesByComponent = new HashMap<>();
        Map<String, Integer> samplesByComponent = new HashMap<>();
        double processCpuSeconds = 0;
        Instant lastProcessLoad = null;
        Instant first = null;
        Instant last = null;
        int cores = Runtime.getRuntime().availableProcessors();
        List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(recording));
        events.sort(Comparator.comparing(RecordedEvent::getEndTime));
        Duration period = threadLoadPeriod(events);
        for (RecordedEvent event : events) {
            Instant at = event.getEndTime();
            if (!at.isBefore(from) && !at.isAfter(to)) {
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
            }
            switch (event.getEventType().getName()) {
                case "jdk.CPULoad" -> {
                    if (lastProcessLoad != null) {
                        processCpuSeconds += (event.getFloat("jvmUser") + event.getFloat("jvmSystem")) * cores
                                * overlap(lastProcessLoad, at, from, to);
                    }
                    lastProcessLoad = at;
                }
                case "jdk.ThreadCPULoad" -> cpuSecondsByThread.merge(threadName(event.getThread("eventThread")),
                        (event.getFloat("user") + event.getFloat("system")) * cores
                                * overlap(at.minus(period), at, from, to), Double::sum);
                case "jdk.ExecutionSample" -> {
                    if (at.isBefore(from) || at.isAfter(to)) {
                        continue;
                    }
                    String component = componentOf(threadName(event.getThread("sampledThread")));
                    samplesByComponent.merge(component, 1, Integer::sum);
                    framesByComponent.computeIfAbsent(component, c -> new HashMap<>())
                            .merge(applicationFrame(event.getStackTrace()), 1, Integer::sum);
                }
                default -> {
                }
            }
        }
        Map<String, Double> cpuByComponent = new LinkedHashMap<>();
        COMPONENTS.keySet().forEach(component -> cpuByComponent.put(component, 0.0));
        cpuByComponent.put("other threads", 0.0);
        cpuSecondsByThread.forEach((thread, cpu) -> cpuByComponent.merge(componentOf(thread), cpu, Double::sum));
        double threads = cpuByComponent.values().stream().mapToDouble(Double::doubleValue).sum();
        cpuByComponent.put("JVM (GC and other VM work), threads too short to sample", Math.max(0, processCpuSeconds - threads));
        double process = processCpuSeconds;

        StringBuilder out = new StringBuilder();
        out.append(String.format("recording %s: %.0f s, process CPU %.1f s (%.2f cores)%s%n", recording.getFileName(),
                seconds(first, last), processCpuSeconds, processCpuSeconds / Math.max(1e-9, seconds(first, last)),
                orders > 0 ? String.format(", %d orders: %.2f ms CPU per order", orders,
                        processCpuSeconds * 1000 / orders) : ""));
        out.append(String.format("%-40s %9s %7s %10s%n", "component", "CPU s", "share", "ms/order"));
        cpuByComponent.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("%-40s %9.1f %6.1f%% %10s%n", e.getKey(), e.getValue(),
                        100 * e.getValue() / Math.max(1e-9, process),
                        orders > 0 ? String.format("%.2f", e.getValue() * 1000 / orders) : "-")));
        out.append(String.format("%nwhere each component's execution samples were (deepest application frame):%n"));
        samplesByComponent.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(component -> {
                    out.append(String.format("  %s (%d samples)%n", component.getKey(), component.getValue()));
                    List<Map.Entry<String, Integer>> frames = new ArrayList<>(framesByComponent.get(component.getKey())
                            .entrySet());
                    frames.sort(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())));
                    frames.stream().limit(12).forEach(frame -> out.append(String.format("    %5.1f%%  %s%n",
                            100.0 * frame.getValue() / component.getValue(), frame.getKey())));
                });
        return out.toString();
    }

    private static String threadName(RecordedThread thread) {
        if (thread == null) {
            return null;
        }
        return thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
    }

    static String componentOf(String thread) {
        if (thread == null) {
            return "other threads";
        }
        for (Map.Entry<String, Pattern> component : COMPONENTS.entrySet()) {
            if (component.getValue().matcher(thread).matches()) {
                return component.getKey();
            }
        }
        return "other threads";
    }

    /**
     * The deepest frame of the application on the stack, or, without one, the top frame's class: it says which of
     * the application's steps (or which library, when none is on the stack) the sample belongs to.
     */
    private static String applicationFrame(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack)";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("com.orderplatform.")) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
            }
        }
        String top = stack.getFrames().get(0).getMethod().getType().getName();
        int packages = top.indexOf('.', top.indexOf('.') + 1);
        return "(library) " + (packages > 0 ? top.substring(0, packages) : top);
    }

    /**
     * The recording's period for {@code jdk.ThreadCPULoad}: the most frequent time between two events of one thread
     * (a busy thread reports every period), to a tenth of a second.
     */
    private static Duration threadLoadPeriod(List<RecordedEvent> sorted) {
        Map<String, Instant> previous = new HashMap<>();
        Map<Long, Integer> gaps = new HashMap<>();
        for (RecordedEvent event : sorted) {
            if (event.getEventType().getName().equals("jdk.ThreadCPULoad")) {
                Instant before = previous.put(threadName(event.getThread("eventThread")), event.getEndTime());
                long tenths = before == null ? 0 : Math.round(Duration.between(before, event.getEndTime()).toMillis() / 100.0);
                if (tenths > 0) {
                    gaps.merge(tenths, 1, Integer::sum);
                }
            }
        }
        return gaps.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(mode -> Duration.ofMillis(mode.getKey() * 100)).orElse(Duration.ofSeconds(10));
    }

    /** Seconds of [start, end] that fall within [from, to]. */
    private static double overlap(Instant start, Instant end, Instant from, Instant to) {
        Instant clippedStart = start.isBefore(from) ? from : start;
        Instant clippedEnd = end.isAfter(to) ? to : end;
        return clippedEnd.isAfter(clippedStart) ? seconds(clippedStart, clippedEnd) : 0;
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Duration.between(from, to).toNanos() / 1e9;
    }
}
