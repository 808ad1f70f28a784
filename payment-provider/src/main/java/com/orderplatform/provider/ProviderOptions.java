package com.orderplatform.provider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How a provider simulator starts: {@code port} (0: any free one), {@code dataDir} (its record, kept across
 * restarts), the {@code apiKey} callers must present, the {@code webhookSecret} its webhooks are signed with, and the
 * behaviour of its cards: {@code tok_ok} approved and {@code tok_declined} declined after {@code latency},
 * {@code tok_slow} approved after {@code slowLatency}, any other method declined with probability {@code failureRate}.
 */
public record ProviderOptions(int port, Path dataDir, String apiKey, String webhookSecret, Duration latency,
                              Duration slowLatency, double failureRate) {

    public static final String DEFAULT_API_KEY = "sk_test_local";
    public static final String DEFAULT_WEBHOOK_SECRET = "whsec_local";

    /** From {@code --port=… --data-dir=… --api-key=… --webhook-secret=… --latency=20ms --slow-latency=30s …}. */
    public static ProviderOptions fromArgs(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return new ProviderOptions(Integer.parseInt(given.getOrDefault("port", "8090")),
                Path.of(given.getOrDefault("data-dir", "data/payment-provider")),
                given.getOrDefault("api-key", DEFAULT_API_KEY),
                given.getOrDefault("webhook-secret", DEFAULT_WEBHOOK_SECRET),
                duration(given.getOrDefault("latency", "20ms")),
                duration(given.getOrDefault("slow-latency", "30s")),
                Double.parseDouble(given.getOrDefault("failure-rate", "0.1")));
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, or an ISO-8601 duration. */
    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        if (text.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Duration.parse(text);
    }
}
