package com.orderplatform.app.local;

import com.orderplatform.infra.kafka.EmbeddedKafkaBroker;
import com.orderplatform.infra.redis.EmbeddedRedisServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The local default's Redis and Kafka as processes of their own, for a recipe (the sale-day fault suite) whose
 * instances must be killed without taking them along, and which pauses or stops them by themselves:
 * {@code java -jar order-platform.jar redis --port=16379 --pid-file=…} (the redis-server the embedded-redis artifact
 * ships; its pid in the file) and {@code java -jar order-platform.jar kafka --port=29092 --controller-port=29093
 * --log-dir=…} (a single-node KRaft broker).
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {
    }

    public static void redis(String[] args) throws InterruptedException {
        Map<String, String> options = options(args);
        EmbeddedRedisServer redis = new EmbeddedRedisServer(Integer.parseInt(options.getOrDefault("port", "16379")),
                Path.of(options.getOrDefault("pid-file", "data/redis.pid")));
        redis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(redis::stop, "redis-shutdown"));
        Thread.currentThread().join();
    }

    public static void kafka(String[] args) throws InterruptedException {
        Map<String, String> options = options(args);
        EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker(Path.of(options.getOrDefault("log-dir", "data/kafka")),
                Integer.parseInt(options.getOrDefault("port", "29092")),
                Integer.parseInt(options.getOrDefault("controller-port", "29093")));
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-shutdown"));
        Thread.currentThread().join();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
