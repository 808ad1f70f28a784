package com.orderplatform.infra.roles;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code orders.roles}: which parts this process runs, any of command, saga, query (default: all three). */
@ConfigurationProperties("orders")
public record RolesProperties(@DefaultValue({"command", "saga", "query"}) Set<Role> roles) {
}
