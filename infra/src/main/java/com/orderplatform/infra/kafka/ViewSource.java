package com.orderplatform.infra.kafka;

import com.orderplatform.infra.roles.Role;
import com.orderplatform.infra.roles.Roles;
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
        if (!OrdersKafkaProperties.of(environment).enabled()) {
            return false;
        }
        return switch (QueryProperties.of(environment).source()) {
            case KAFKA -> true;
            case EVENT_STORE -> false;
            case AUTO -> !Roles.active(environment).contains(Role.COMMAND);
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
