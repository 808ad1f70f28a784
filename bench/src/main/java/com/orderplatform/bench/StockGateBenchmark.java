package com.orderplatform.bench;

import com.orderplatform.infra.gate.GateResult;
import com.orderplatform.infra.gate.GateStock;
import com.orderplatform.infra.gate.RedisLuaStockGate;
import com.orderplatform.infra.redis.EmbeddedRedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.Redisson;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The gate's scripts against a real redis-server, beside the cheapest possible EVALSHA on the same server and
 * connection pool: the ratio says how much of the gate's cost is its own logic rather than the round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@Threads(16)
public class StockGateBenchmark {

    private static final String SKU = "BENCH-1";

    private EmbeddedRedisServer server;
    private RedissonClient redisson;
    private RedisLuaStockGate gate;
    private RScript script;
    private String trivialSha;
    private final AtomicLong orders = new AtomicLong();

    @Setup(Level.Trial)
    public void start() {
        server = new EmbeddedRedisServer(0);
        server.start();
        Config config = new Config();
        config.useSingleServer().setAddress(server.address()).setConnectionPoolSize(64).setConnectionMinimumIdleSize(16);
        redisson = Redisson.create(config);
        gate = new RedisLuaStockGate(redisson, Duration.ofMinutes(10));
        gate.load(SKU, new GateStock(Long.MAX_VALUE / 4, 0, Map.of()));
        script = redisson.getScript(StringCodec.INSTANCE);
        trivialSha = script.scriptLoad("return 1");
    }

    @TearDown(Level.Trial)
    public void stop() {
        redisson.shutdown();
        server.stop();
    }

    @Benchmark
    public Object trivialEvalSha() {
        return script.evalSha(RScript.Mode.READ_WRITE, trivialSha, RScript.ReturnType.INTEGER, List.of("{gate}:x"));
    }

    @Benchmark
    public GateResult reserve() {
        return gate.reserve(Long.toString(orders.incrementAndGet()), "user-" + (orders.get() & 1023), Map.of(SKU, 1));
    }

    @Benchmark
    public GateResult reserveThenRelease() {
        String order = Long.toString(orders.incrementAndGet());
        GateResult reserved = gate.reserve(order, "user-" + (orders.get() & 1023), Map.of(SKU, 1));
        gate.release(order, List.of(SKU));
        return reserved;
    }
}
