package com.orderplatform.infra.locks;

import java.time.Duration;
import java.util.function.Supplier;

/** A lock shared by every instance. */
public interface DistributedLocks {

    /** Runs the action holding the named lock; throws {@link LockNotAcquiredException} if it stays taken for {@code wait}. */
    <T> T withLock(String name, Duration wait, Supplier<T> action);
}
