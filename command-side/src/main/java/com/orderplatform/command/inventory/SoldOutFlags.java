package com.orderplatform.command.inventory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SKUs the gate last said were empty, remembered in this process for a short while, so that the crowd arriving after
 * a sale is over is refused without a lookup or a write. Units given back here (a release, a restock) lower the flag
 * at once; units given back through another instance reach this one when the flag expires.
 */
final class SoldOutFlags {

    private final long holdNanos;
    private final Map<String, Long> raisedUntil = new ConcurrentHashMap<>();

    SoldOutFlags(Duration holdFor) {
        this.holdNanos = holdFor.toNanos();
    }

    boolean isRaised(String sku) {
        Long until = raisedUntil.get(sku);
        if (until == null) {
            return false;
        }
        if (until - System.nanoTime() > 0) {
            return true;
        }
        raisedUntil.remove(sku, until);
        return false;
    }

    /** True while some flag is raised; the expired ones are dropped on the way. */
    boolean anyRaised() {
        if (raisedUntil.isEmpty()) {
            return false;
        }
        long now = System.nanoTime();
        raisedUntil.entrySet().removeIf(flag -> flag.getValue() - now <= 0);
        return !raisedUntil.isEmpty();
    }

    void raise(String sku) {
        raisedUntil.put(sku, System.nanoTime() + holdNanos);
    }

    void lower(String sku) {
        raisedUntil.remove(sku);
    }
}
