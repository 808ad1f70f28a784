package com.orderplatform.app.warmup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The instance's warm-up before it reports ready ({@link WarmUp}). {@code minimum}: how long it runs at least;
 * {@code maximum}: at most; in between it stops once the JIT compilers have settled — in the last {@code settleWindow}
 * they spent under {@code settledShare} of the wall time compiling — or once the warm-up's own rate, measured per
 * {@code settleWindow}, has stopped rising. {@code concurrency}: its request threads.
 */
@ConfigurationProperties("orders.warm-up")
public record WarmUpProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration minimum,
        @DefaultValue("60s") Duration maximum,
        @DefaultValue("2s") Duration settleWindow,
        @DefaultValue("0.15") double settledShare,
        @DefaultValue("4") int concurrency) {
}
