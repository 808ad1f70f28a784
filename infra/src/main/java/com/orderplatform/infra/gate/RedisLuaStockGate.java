package com.orderplatform.infra.gate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * The gate as Lua scripts on Redis, each one atomic. Scripts are loaded once and called by SHA (reloaded if
 * Redis forgot them). Every key carries the hash tag {@code {gate}}, so all of them live in one slot: on a Redis
 * Cluster the gate is served by a single shard, which keeps multi-SKU orders atomic.
 */
public class RedisLuaStockGate implements StockGate {

    static final String PREFIX = "{gate}:";

    private final RedissonClient redisson;
    private final RScript script;
    private final long orderRecordTtlSeconds;
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    public RedisLuaStockGate(RedissonClient redisson, Duration orderRecordTtl) {
        this.redisson = redisson;
        this.script = redisson.getScript(StringCodec.INSTANCE);
        this.orderRecordTtlSeconds = orderRecordTtl.toSeconds();
        for (String name : List.of("reserve", "release", "load", "adjust")) {
            sources.put(name, resource("/gate/" + name + ".lua"));
        }
    }

    static String stockKey(String sku) {
        return PREFIX + "stock:" + sku;
    }

    static String heldKey(String sku) {
        return PREFIX + "held:" + sku;
    }

    static String orderKey(String orderId) {
        return PREFIX + "order:" + orderId;
    }

    /** Orders reserved and not yet known stored or released, scored by the time of their reservation. */
    static final String PENDING = PREFIX + "pending";

    @Override
    public GateResult reserve(String orderId, String userId, Map<String, Integer> quantities) {
        List<String> skus = new ArrayList<>(quantities.keySet());
        List<Object> keys = keys(orderId, skus);
        List<Object> args = new ArrayList<>();
        args.add(userId);
        args.add(orderRecordTtlSeconds);
        args.addAll(skus);
        skus.forEach(sku -> args.add(quantities.get(sku)));
        args.add(System.currentTimeMillis());
        List<Long> result = call("reserve", RScript.ReturnType.MULTI, keys, args);
        int code = result.get(0).intValue();
        String sku = result.get(1) > 0 ? skus.get(result.get(1).intValue() - 1) : null;
        return switch (code) {
            case 0 -> GateResult.of(GateResult.Outcome.RESERVED);
            case 1 -> GateResult.of(GateResult.Outcome.ALREADY_HANDLED);
            case -1 -> new GateResult(GateResult.Outcome.SOLD_OUT, sku, result.size() > 2 ? result.get(2) : -1);
            case -2 -> new GateResult(GateResult.Outcome.LIMIT_EXCEEDED, sku);
            case -3 -> new GateResult(GateResult.Outcome.NOT_LOADED, sku);
            default -> throw new IllegalStateException("unexpected gate answer " + result);
        };
    }

    @Override
    public void release(String orderId, Collection<String> skus) {
        release(orderId, skus, "stored");
    }

    @Override
    public void releaseUnstored(String orderId, Collection<String> skus) {
        release(orderId, skus, "unstored");
    }

    private void release(String orderId, Collection<String> skus, String kind) {
        List<String> ordered = new ArrayList<>(skus);
        List<Object> args = new ArrayList<>();
        args.add(orderRecordTtlSeconds);
        args.addAll(ordered);
        args.add(kind);
        call("release", RScript.ReturnType.INTEGER, keys(orderId, ordered), args);
    }

    @Override
    public void load(String sku, GateStock stock) {
        List<Object> args = new ArrayList<>();
        args.add(stock.available());
        args.add(stock.perUserLimit());
        stock.heldPerUser().forEach((user, held) -> {
            if (held > 0) {
                args.add(user);
                args.add(held);
            }
        });
        call("load", RScript.ReturnType.INTEGER, List.of(stockKey(sku), heldKey(sku)), args);
    }

    @Override
    public void adjust(String sku, long delta, int perUserLimit) {
        call("adjust", RScript.ReturnType.INTEGER, List.of(stockKey(sku)), List.of(delta, perUserLimit));
    }

    @Override
    public Optional<GateStock> read(String sku) {
        Map<String, String> stock = redisson.<String, String>getMap(stockKey(sku), StringCodec.INSTANCE).readAllMap();
        if (stock.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> heldPerUser = new HashMap<>();
        redisson.<String, String>getMap(heldKey(sku), StringCodec.INSTANCE).readAllMap()
                .forEach((user, count) -> heldPerUser.put(user, Long.parseLong(count)));
        return Optional.of(new GateStock(Long.parseLong(stock.get("available")),
                Integer.parseInt(stock.getOrDefault("limit", "0")), heldPerUser));
    }

    @Override
    public List<String> pendingBefore(Instant before, int limit) {
        return pending().valueRange(Double.NEGATIVE_INFINITY, true, before.toEpochMilli(), false, 0, limit).stream()
                .map(key -> key.substring(orderKey("").length())).toList();
    }

    @Override
    public Set<String> skusOf(String orderId) {
        Map<String, String> record = redisson.<String, String>getMap(orderKey(orderId), StringCodec.INSTANCE)
                .readAllMap();
        if (!"R".equals(record.get("state"))) {
            return Set.of();
        }
        return record.keySet().stream().filter(field -> field.startsWith("q:")).map(field -> field.substring(2))
                .collect(Collectors.toSet());
    }

    @Override
    public void settle(Collection<String> orderIds) {
        if (!orderIds.isEmpty()) {
            pending().removeAll(orderIds.stream().map(RedisLuaStockGate::orderKey).toList());
        }
    }

    private RScoredSortedSet<String> pending() {
        return redisson.getScoredSortedSet(PENDING, StringCodec.INSTANCE);
    }

    /** Forgets every SKU's numbers; each is rebuilt from the ledger on its next reservation. */
    public void unloadAll() {
        redisson.getKeys().deleteByPattern(PREFIX + "stock:*");
    }

    private static List<Object> keys(String orderId, List<String> skus) {
        List<Object> keys = new ArrayList<>(1 + 2 * skus.size());
        keys.add(orderKey(orderId));
        skus.forEach(sku -> keys.add(stockKey(sku)));
        skus.forEach(sku -> keys.add(heldKey(sku)));
        keys.add(PENDING);
        return keys;
    }

    private <R> R call(String name, RScript.ReturnType type, List<Object> keys, List<Object> args) {
        Object[] values = args.stream().map(String::valueOf).toArray();
        try {
            return script.evalSha(RScript.Mode.READ_WRITE, sha(name), type, keys, values);
        } catch (RedisException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            shas.remove(name);
            return script.evalSha(RScript.Mode.READ_WRITE, sha(name), type, keys, values);
        }
    }

    private String sha(String name) {
        return shas.computeIfAbsent(name, n -> script.scriptLoad(sources.get(n)));
    }

    private static String resource(String resource) {
        try (InputStream in = RedisLuaStockGate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
