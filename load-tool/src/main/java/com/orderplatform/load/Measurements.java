package com.orderplatform.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Outcomes and latencies of the requests of one scenario, recorded from many threads. */
public final class Measurements {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    private final Recorder latencies = new Recorder(MAX_MICROS, 3);

    public Measurements() {
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    public void record(Outcome outcome, long latencyNanos) {
        counts.get(outcome).increment();
        latencies.recordValue(Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos))));
    }

    public Map<Outcome, Long> counts() {
        Map<Outcome, Long> copy = new EnumMap<>(Outcome.class);
        counts.forEach((outcome, count) -> copy.put(outcome, count.sum()));
        return copy;
    }

    /** Everything recorded so far (the recorder starts over). */
    public Histogram latencies() {
        return latencies.getIntervalHistogram();
    }
}
