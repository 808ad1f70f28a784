package com.orderplatform.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a request thread's time goes, by layer of the web stack, from a JFR recording's execution samples in one
 * window (a scenario's {@code started} and {@code finished} instants in the load report):
 * {@code java -cp load-tool.jar com.orderplatform.load.RequestProfile recording.jfr from to [requests]}.
 * <p>
 * A sample counts for every layer with a frame on its stack (inclusive: the security chain includes the JWT check
 * under it), so the shares do not add up to 100 %; "self" rows count samples whose top frame is in the layer. With the
 * number of requests the window served and the request threads' CPU over it (from {@code jdk.ThreadCPULoad}), each
 * share is also shown in microseconds of CPU per request.
 */
public final class RequestProfile {

    /** Layers, each recognised by a frame on the stack; several may hold for one sample. */
    static final Map<String, Predicate<String>> LAYERS = layers();
    /**
     * The parts a sample is charged to alone: the innermost one on its stack (the first from the top frame that
     * matches), so these shares add up to 100 %. A filter's own work shows under its name, what runs below it under
     * its own part.
     */
    static final Map<String, Predicate<String>> PARTS = parts();

    private RequestProfile() {
    }

    private static Map<String, Predicate<String>> layers() {
        Map<String, Predicate<String>> layers = new LinkedHashMap<>();
        layers.put("Spring Security filter chain", frame -> frame.startsWith("org.springframework.security.web.FilterChainProxy."));
        layers.put("  bearer token (JWT) verification", frame -> frame.startsWith("com.nimbusds.")
                || frame.startsWith("org.springframework.security.oauth2.jwt."));
        layers.put("  rate limit filter", frame -> frame.startsWith("com.orderplatform.infra.ratelimit."));
        layers.put("Spring MVC dispatch (DispatcherServlet)", frame -> frame.startsWith(
                "org.springframework.web.servlet.DispatcherServlet."));
        layers.put("  method security (@CustomerOnly, @AdminOnly)", frame -> frame.startsWith(
                "org.springframework.security.authorization.method."));
        layers.put("  bean validation", frame -> frame.startsWith("org.hibernate.validator."));
        layers.put("  exception handlers (problem+json)", frame -> frame.startsWith(
                "org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver."));
        layers.put("JSON (Jackson)", frame -> frame.startsWith("com.fasterxml.jackson."));
        layers.put("observations and metrics (Micrometer)", frame -> frame.startsWith("io.micrometer."));
        layers.put("logging", frame -> frame.startsWith("ch.qos.logback.") || frame.startsWith("org.slf4j."));
        layers.put("JDBC (H2, PostgreSQL driver, Hikari)", frame -> frame.startsWith("org.h2.")
                || frame.startsWith("org.postgresql.") || frame.startsWith("com.zaxxer.hikari."));
        layers.put("Redis (Redisson)", frame -> frame.startsWith("org.redisson."));
        layers.put("placement (OrderPlacement and below)", frame -> frame.startsWith(
                "com.orderplatform.command.placement.OrderPlacement."));
        layers.put("socket reads and writes", frame -> frame.startsWith("sun.nio.ch.")
                || frame.startsWith("org.apache.tomcat.util.net.NioEndpoint$NioSocketWrapper."));
        return layers;
    }

    private static Map<String, Predicate<String>> parts() {
        Map<String, Predicate<String>> parts = new LinkedHashMap<>();
        parts.put("JDBC", LAYERS.get("JDBC (H2, PostgreSQL driver, Hikari)"));
        parts.put("Redis", LAYERS.get("Redis (Redisson)"));
        parts.put("JSON (Jackson)", LAYERS.get("JSON (Jackson)"));
        parts.put("bean validation", LAYERS.get("  bean validation"));
        parts.put("observations and metrics", LAYERS.get("observations and metrics (Micrometer)"));
        parts.put("logging", LAYERS.get("logging"));
        parts.put("JWT verification", LAYERS.get("  bearer token (JWT) verification"));
        parts.put("the application (com.orderplatform)", frame -> frame.startsWith("com.orderplatform."));
        parts.put("Spring Security (the rest)", frame -> frame.startsWith("org.springframework.security."));
        parts.put("Spring MVC and web (the rest)", frame -> frame.startsWith("org.springframework.web.")
                || frame.startsWith("org.springframework.http."));
        parts.put("Spring core, AOP, context", frame -> frame.startsWith("org.springframework."));
        parts.put("Tomcat", frame -> frame.startsWith("org.apache.catalina.") || frame.startsWith("org.apache.coyote.")
                || frame.startsWith("org.apache.tomcat."));
        return parts;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: RequestProfile <recording.jfr> <from> <to> [requests]");
            System.exit(2);
        }
        long requests = args.length > 3 ? Long.parseLong(args[3]) : 0;
        System.out.print(summarise(Path.of(args[0]), Instant.parse(args[1]), Instant.parse(args[2]), requests));
    }

    static String summarise(Path recording, Instant from, Instant to, long requests) throws IOException {
        int samples = 0;
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> innermost = new HashMap<>();
        Map<String, Map<String, Integer>> partFrames = new HashMap<>();
        double requestCpuSeconds = 0;
        int cores = Runtime.getRuntime().availableProcessors();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                Instant at = event.getEndTime();
                if (at.isBefore(from) || at.isAfter(to)) {
                    continue;
                }
                String type = event.getEventType().getName();
                if (type.equals("jdk.ThreadCPULoad") && isRequestThread(event, "eventThread")) {
                    // One event per second (the procedure's setting) with that second's load.
                    requestCpuSeconds += (event.getFloat("user") + event.getFloat("system")) * cores;
                } else if (type.equals("jdk.ExecutionSample") && isRequestThread(event, "sampledThread")) {
                    samples++;
                    List<String> frames = frames(event.getStackTrace());
                    Set<String> layersHit = new HashSet<>();
                    for (String frame : frames) {
                        LAYERS.forEach((layer, matches) -> {
                            if (matches.test(frame)) {
                                layersHit.add(layer);
                            }
                        });
                    }
                    layersHit.forEach(layer -> inclusive.merge(layer, 1, Integer::sum));
                    String[] part = partOf(frames);
                    innermost.merge(part[0], 1, Integer::sum);
                    partFrames.computeIfAbsent(part[0], p -> new HashMap<>()).merge(part[1], 1, Integer::sum);
                    if (!frames.isEmpty()) {
                        String top = frames.get(0);
                        LAYERS.forEach((layer, matches) -> {
                            if (matches.test(top)) {
                                self.merge(layer, 1, Integer::sum);
                            }
                        });
                        topFrames.merge(top, 1, Integer::sum);
                    }
                }
            }
        }
        double microsPerSample = requests > 0 && samples > 0 ? requestCpuSeconds * 1e6 / requests / samples : 0;
        int sampled = samples;
        StringBuilder out = new StringBuilder();
        out.append(String.format("request threads %s – %s: %d samples, %.1f s CPU%s%n", from, to, samples,
                requestCpuSeconds, requests > 0 ? String.format(", %d requests: %.0f µs CPU per request", requests,
                        requestCpuSeconds * 1e6 / requests) : ""));
        out.append(String.format("%-52s %8s %8s %10s%n", "layer (inclusive)", "share", "self", "µs/request"));
        for (String layer : LAYERS.keySet()) {
            int hit = inclusive.getOrDefault(layer, 0);
            out.append(String.format("%-52s %7.1f%% %7.1f%% %10s%n", layer, 100.0 * hit / Math.max(1, samples),
                    100.0 * self.getOrDefault(layer, 0) / Math.max(1, samples),
                    requests > 0 ? String.format("%.0f", hit * microsPerSample) : "-"));
        }
        out.append(String.format("%n%-52s %8s %10s%n", "part (innermost on the stack; adds up to 100 %)", "share",
                "µs/request"));
        List<String> parts = new ArrayList<>(PARTS.keySet());
        parts.add("other (JDK, libraries)");
        for (String part : parts) {
            int hit = innermost.getOrDefault(part, 0);
            out.append(String.format("%-52s %7.1f%% %10s%n", part, 100.0 * hit / Math.max(1, samples),
                    requests > 0 ? String.format("%.0f", hit * microsPerSample) : "-"));
            List<Map.Entry<String, Integer>> deciding = new ArrayList<>(partFrames.getOrDefault(part, Map.of())
                    .entrySet());
            deciding.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
            deciding.stream().limit(5).forEach(frame -> out.append(String.format("      %5.1f%%  %s%n",
                    100.0 * frame.getValue() / Math.max(1, sampled), frame.getKey())));
        }
        out.append(String.format("%ntop frames:%n"));
        List<Map.Entry<String, Integer>> top = new ArrayList<>(topFrames.entrySet());
        top.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        top.stream().limit(25).forEach(frame -> out.append(String.format("  %5.1f%%  %s%n",
                100.0 * frame.getValue() / Math.max(1, sampled), frame.getKey())));
        return out.toString();
    }

    /** The part a sample is charged to, and the frame that decided it. */
    private static String[] partOf(List<String> frames) {
        for (String frame : frames) {
            for (Map.Entry<String, Predicate<String>> part : PARTS.entrySet()) {
                if (part.getValue().test(frame)) {
                    return new String[] {part.getKey(), frame};
                }
            }
        }
        return new String[] {"other (JDK, libraries)", frames.isEmpty() ? "(no stack)" : frames.get(0)};
    }

    /** A request thread by {@link ProfileSummary}'s own naming of the components. */
    private static boolean isRequestThread(RecordedEvent event, String field) {
        var thread = event.getThread(field);
        return thread != null && "request threads".equals(ProfileSummary.componentOf(thread.getJavaName()));
    }

    private static List<String> frames(RecordedStackTrace stack) {
        List<String> frames = new ArrayList<>();
        if (stack == null) {
            return frames;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
        }
        return frames;
    }
}
