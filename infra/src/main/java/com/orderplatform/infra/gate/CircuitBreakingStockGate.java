package com.orderplatform.infra.gate;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ingress answering while Redis fails or crawls: once the breaker opens, reservations are bypassed (the
 * ledger still guards the stock) or refused with 503, as configured. When Redis answers again the breaker closes
 * and every SKU is rebuilt from the ledger, since the gate missed what happened meanwhile.
 */
public class CircuitBreakingStockGate implements StockGate {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakingStockGate.class);

    private final RedisLuaStockGate redis;
    private final CircuitBreaker breaker;
    private final GateProperties.DegradedMode mode;
    private final Timer reserves;

    public CircuitBreakingStockGate(RedisLuaStockGate redis, CircuitBreaker breaker, GateProperties.DegradedMode mode,
                                    MeterRegistry meters) {
        this.redis = redis;
        this.mode = mode;
        this.breaker = breaker;
        this.reserves = Timer.builder("orders.gate.calls").tag("operation", "reserve")
                .description("Stock gate calls on the placement path, Redis round trip included").register(meters);
        breaker.getEventPublisher().onError(event -> log.debug("Stock gate call failed after {}",
                event.getElapsedDuration(), event.getThrowable()));
        breaker.getEventPublisher().onStateTransition(event -> {
            log.warn("Stock gate circuit {}", event.getStateTransition());
            if (event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED) {
                forgetEverything();
            }
        });
    }

    @Override
    public GateResult reserve(String orderId, String userId, Map<String, Integer> quantities) {
        try {
            return reserves.record(() -> breaker.executeSupplier(() -> redis.reserve(orderId, userId, quantities)));
        } catch (RuntimeException e) {
            if (mode == GateProperties.DegradedMode.REJECT) {
                throw new GateUnavailableException("stock gate unavailable", e);
            }
            log.debug("Stock gate bypassed for order {}", orderId, e);
            return GateResult.of(GateResult.Outcome.BYPASSED);
        }
    }

    @Override
    public void release(String orderId, Collection<String> skus) {
        quietly("release order " + orderId, () -> redis.release(orderId, skus));
    }

    @Override
    public void releaseUnstored(String orderId, Collection<String> skus) {
        quietly("release unstored order " + orderId, () -> redis.releaseUnstored(orderId, skus));
    }

    @Override
    public void load(String sku, GateStock stock) {
        quietly("load " + sku, () -> redis.load(sku, stock));
    }

    @Override
    public void adjust(String sku, long delta, int perUserLimit) {
        quietly("adjust " + sku, () -> redis.adjust(sku, delta, perUserLimit));
    }

    @Override
    public List<String> pendingBefore(Instant before, int limit) {
        try {
            return breaker.executeSupplier(() -> redis.pendingBefore(before, limit));
        } catch (RuntimeException e) {
            throw new GateUnavailableException("stock gate unavailable", e);
        }
    }

    @Override
    public Set<String> skusOf(String orderId) {
        try {
            return breaker.executeSupplier(() -> redis.skusOf(orderId));
        } catch (RuntimeException e) {
            throw new GateUnavailableException("stock gate unavailable", e);
        }
    }

    @Override
    public void settle(Collection<String> orderIds) {
        quietly("settle " + orderIds.size() + " pending orders", () -> redis.settle(orderIds));
    }

    @Override
    public Optional<GateStock> read(String sku) {
        try {
            return breaker.executeSupplier(() -> redis.read(sku));
        } catch (RuntimeException e) {
            throw new GateUnavailableException("stock gate unavailable", e);
        }
    }

    private void forgetEverything() {
        try {
            redis.unloadAll();
        } catch (RuntimeException e) {
            log.warn("Could not clear the gate after Redis came back; reconciliation will show the drift", e);
        }
    }

    private void quietly(String what, Runnable call) {
        quietly(what, () -> {
            call.run();
            return null;
        }, null);
    }

    /** A write the gate misses is drift the ledger never suffers from; the reconciliation reports it. */
    private <T> T quietly(String what, Supplier<T> call, T otherwise) {
        try {
            return breaker.executeSupplier(call);
        } catch (RuntimeException e) {
            log.warn("Stock gate could not {}: {}", what, e.toString());
            return otherwise;
        }
    }
}
