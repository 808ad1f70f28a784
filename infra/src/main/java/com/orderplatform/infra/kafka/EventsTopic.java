package com.orderplatform.infra.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the events topic before anything reads it: a consumer of a topic that does not exist yet has no
 * partition to poll, and the query processors would back off for minutes. An existing topic is left as it is.
 */
final class EventsTopic {

    private static final Logger log = LoggerFactory.getLogger(EventsTopic.class);

    private EventsTopic() {
    }

    static void ensure(List<String> bootstrapServers, String topic, int partitions, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created topic {} with {} partitions", topic, partitions);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return;
            }
            log.warn("Could not create topic {} ({}); the query side waits until it exists", topic, e.getCause().toString());
        } catch (TimeoutException e) {
            log.warn("Kafka did not answer within {}; topic {} not checked, the query side retries", timeout, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
