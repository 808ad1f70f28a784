package com.orderplatform.infra.roles;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** The roles this process runs, from {@code orders.roles} (default: every role). */
public final class Roles {

    static final String PROPERTY = "orders.roles";

    private Roles() {
    }

    /** Read by conditions, which run before any properties bean exists. */
    public static Set<Role> active(Environment environment) {
        Set<Role> roles = Binder.get(environment).bindOrCreate("orders", RolesProperties.class).roles();
        if (roles.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " names no role; use any of command, saga, query");
        }
        return EnumSet.copyOf(roles);
    }
}
