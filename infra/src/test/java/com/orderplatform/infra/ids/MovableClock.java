package com.orderplatform.infra.ids;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand. */
final class MovableClock extends Clock {

    private final AtomicLong millis;
    private final AtomicReference<Runnable> afterNextRead = new AtomicReference<>();

    MovableClock(long millis) {
        this.millis = new AtomicLong(millis);
    }

    void set(long value) {
        millis.set(value);
    }

    /** Runs {@code meanwhile} once, after the next reading and before it is returned: a reader paused there. */
    void pauseNextReader(Runnable meanwhile) {
        afterNextRead.set(meanwhile);
    }

    @Override
    public long millis() {
        long read = millis.get();
        Runnable meanwhile = afterNextRead.getAndSet(null);
        if (meanwhile != null) {
            meanwhile.run();
        }
        return read;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
