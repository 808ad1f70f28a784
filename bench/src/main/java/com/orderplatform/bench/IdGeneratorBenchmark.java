package com.orderplatform.bench;

import com.orderplatform.infra.ids.NodeLease;
import com.orderplatform.infra.ids.SnowflakeIdGenerator;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Snowflake ids per second from one generator, with one and with two threads. The layout caps one node at
 * 256 ids per millisecond (256,000 per second: the sequence's low four bits carry the order's route); past that the
 * generator waits for the next millisecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class IdGeneratorBenchmark {

    private final SnowflakeIdGenerator ids = new SnowflakeIdGenerator(NodeLease.held(1), Clock.systemUTC(), 5);

    @Benchmark
    @Threads(1)
    public long oneThread() {
        return ids.nextId(7);
    }

    @Benchmark
    @Threads(2)
    public long twoThreads() {
        return ids.nextId(7);
    }
}
