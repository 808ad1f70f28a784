package com.orderplatform.infra.ids;

public interface IdGenerator {

    /** A new id that carries {@code route} (0 to {@link SnowflakeIdGenerator#ROUTES} − 1). */
    long nextId(int route);

    /** A new id on route 0. */
    default long nextId() {
        return nextId(0);
    }
}
