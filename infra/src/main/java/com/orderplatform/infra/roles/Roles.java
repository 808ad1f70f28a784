package com.orderplatform.infra.roles;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;

/** The roles this process runs, from {@code orders.roles} (default: every role). */
public final class Roles {

    static final String PROPERTY = "orders.roles";

    private Roles() {
    }

    public static Set<Role> active(Environment environment) {
        String configured = environment.getProperty(PROPERTY, "command,saga,query");
        Set<Role> roles = Arrays.stream(configured.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> Role.valueOf(s.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        if (roles.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " names no role; use any of command, saga, query");
        }
        return roles;
    }
}
