package com.orderplatform.infra.ids;

/** The right to use one Snowflake node id, held by at most one live instance. */
public interface NodeLease {

    /** The leased node id; meaningful only while {@link #isUsable()}. */
    int nodeId();

    /** True while the lease is held and the previous holder's last possible id lies in the past. */
    boolean isUsable();

    /** A few words for logs and health: held or not, since when, why not. */
    String describe();
}
