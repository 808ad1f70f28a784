package com.orderplatform.infra.ids;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The node id lease lives {@code leaseTtl} in Redis and is renewed every {@code renewEvery}; a clock step back of
 * up to {@code toleratedClockStepBackMillis} is waited out, a larger one stops id generation.
 */
@ConfigurationProperties("orders.ids")
public record IdsProperties(
        @DefaultValue("10s") Duration leaseTtl,
        @DefaultValue("3s") Duration renewEvery,
        @DefaultValue("5") long toleratedClockStepBackMillis) {
}
