package com.orderplatform.infra.ids;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("orders.ids")
public record IdsProperties(@DefaultValue("0") int nodeId, @DefaultValue("5") long toleratedClockStepBackMillis) {
}
