package com.orderplatform.infra.roles;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnRoleCondition implements Condition {

    static final String PROPERTY = "orders.roles";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        Role required = (Role) attributes.get("value");
        return activeRoles(context.getEnvironment()).contains(required);
    }

    static Set<Role> activeRoles(Environment environment) {
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
