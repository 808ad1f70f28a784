package com.orderplatform.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.infra.axon.GroupCommitProperties;
import com.orderplatform.infra.kafka.QueryProperties;
import com.orderplatform.infra.redis.OrdersRedisProperties;
import com.orderplatform.infra.roles.Role;
import com.orderplatform.infra.roles.RolesProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings bind as documented: names, defaults of absent settings, and the values written as in the README. */
class PropertiesBindingTest {

    private static Binder binder(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings));
    }

    @Test
    void theGroupCommitsWaitIsReadFromItsDocumentedName() {
        GroupCommitProperties set = binder(Map.of("orders.group-commit.wait", "7s", "orders.group-commit.linger", "2ms"))
                .bindOrCreate("orders.group-commit", GroupCommitProperties.class);

        assertThat(set.clientWait()).isEqualTo(Duration.ofSeconds(7));
        assertThat(set.linger()).isEqualTo(Duration.ofMillis(2));
        assertThat(set.maxBatch()).isEqualTo(100);
    }

    @Test
    void theRedisBreakerHasItsDefaultsWhenNothingIsSet() {
        OrdersRedisProperties redis = binder(Map.of()).bindOrCreate("orders.redis", OrdersRedisProperties.class);

        assertThat(redis.breaker().slowCall()).isEqualTo(Duration.ofSeconds(1));
        assertThat(redis.breaker().openFor()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theRedisBreakerIsSetUnderOrdersRedisBreaker() {
        OrdersRedisProperties redis = binder(Map.of("orders.redis.breaker.open-for", "500ms"))
                .bindOrCreate("orders.redis", OrdersRedisProperties.class);

        assertThat(redis.breaker().openFor()).isEqualTo(Duration.ofMillis(500));
        assertThat(redis.breaker().slowCall()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rolesAreAListOfNames() {
        assertThat(binder(Map.of("orders.roles", "command, saga")).bindOrCreate("orders", RolesProperties.class).roles())
                .containsExactlyInAnyOrder(Role.COMMAND, Role.SAGA);
        assertThat(binder(Map.of()).bindOrCreate("orders", RolesProperties.class).roles())
                .containsExactlyInAnyOrder(Role.COMMAND, Role.SAGA, Role.QUERY);
    }

    @Test
    void theViewsSourceIsWrittenAsInTheReadme() {
        assertThat(binder(Map.of("orders.query.source", "event-store")).bindOrCreate("orders.query", QueryProperties.class)
                .source()).isEqualTo(QueryProperties.Source.EVENT_STORE);
        assertThat(binder(Map.of()).bindOrCreate("orders.query", QueryProperties.class).source())
                .isEqualTo(QueryProperties.Source.AUTO);
    }
}
