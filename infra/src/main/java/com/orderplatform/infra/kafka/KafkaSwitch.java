package com.orderplatform.infra.kafka;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Conditions on {@code orders.kafka.enabled} and {@code orders.kafka.embedded}, read as {@link OrdersKafkaProperties}. */
final class KafkaSwitch {

    private KafkaSwitch() {
    }

    /** Kafka is on. */
    static final class On implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return OrdersKafkaProperties.of(context.getEnvironment()).enabled();
        }
    }

    /** Kafka is on and this process runs the broker itself. */
    static final class EmbeddedBroker implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            OrdersKafkaProperties kafka = OrdersKafkaProperties.of(context.getEnvironment());
            return kafka.enabled() && kafka.embedded();
        }
    }
}
