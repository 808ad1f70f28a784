package com.orderplatform.infra.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;

/**
 * {@code source}: where this process's views read events — {@code auto} (the event store when this process also
 * runs the command role, Kafka when the query role runs alone), {@code event-store} or {@code kafka}.
 */
@ConfigurationProperties(QueryProperties.PREFIX)
public record QueryProperties(@DefaultValue("auto") Source source) {

    static final String PREFIX = "orders.query";

    public enum Source { AUTO, EVENT_STORE, KAFKA }

    /** For conditions, which run before any properties bean exists. */
    static QueryProperties of(Environment environment) {
        return Binder.get(environment).bindOrCreate(PREFIX, QueryProperties.class);
    }
}
