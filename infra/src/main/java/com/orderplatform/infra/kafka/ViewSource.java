package com.orderplatform.infra.kafka;

import com.orderplatform.infra.roles.Role;
import com.orderplatform.infra.roles.Roles;
import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Where this process's views read events ({@code orders.query.source}): {@code auto} reads the event store when the
 * process also runs the command role — the events are in its own database, and a round trip through the broker
 * only adds work — and Kafka when the query role runs on its own. Without Kafka, always the event store.
 */
final class ViewSource {

    private ViewSource() {
    }

    static boolean kafka(Environment environment) {
        if (!environment.getProperty("orders.kafka.enabled", Boolean.class, true)) {
            return false;
        }
        return switch (environment.getProperty("orders.query.source", "auto").toLowerCase(Locale.ROOT)) {
            case "kafka" -> true;
            case "event-store" -> false;
            case "auto" -> !Roles.active(environment).contains(Role.COMMAND);
            default -> throw new IllegalStateException("orders.query.source must be auto, event-store or kafka");
        };
    }

    static final class Kafka implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return kafka(context.getEnvironment());
        }
    }

    static final class EventStore implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !kafka(context.getEnvironment());
        }
    }
}
