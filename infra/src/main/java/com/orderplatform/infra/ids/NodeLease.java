package com.orderplatform.infra.ids;

/** The right to use one Snowflake node id, held by at most one live instance. */
public interface NodeLease {

    /** The leased node id; meaningful only while {@link #isUsable()}. */
    int nodeId();

    /** True while the lease is held and the previous holder's last possible id lies in the past. */
    boolean isUsable();

    /** A few words for logs and health: held or not, since when, why not. */
    String describe();

    /** A lease always held on {@code node}: for benchmarks and tests of the generator, where Redis is not the point. */
    static NodeLease held(int node) {
        return new NodeLease() {
            @Override
            public int nodeId() {
                return node;
            }

            @Override
            public boolean isUsable() {
                return true;
            }

            @Override
            public String describe() {
                return "node " + node + ", always held";
            }
        };
    }
}
