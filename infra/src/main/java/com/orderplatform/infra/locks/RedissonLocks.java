package com.orderplatform.infra.locks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/** Redisson locks: the lease is renewed while the holder lives (watchdog) and lapses if it dies. */
public class RedissonLocks implements DistributedLocks {

    private final RedissonClient redisson;

    public RedissonLocks(RedissonClient redisson) {
        this.redisson = redisson;
    }

    @Override
    public <T> T withLock(String name, Duration wait, Supplier<T> action) {
        RLock lock = redisson.getLock("{lock}:" + name);
        boolean acquired;
        try {
            acquired = lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockNotAcquiredException(name);
        }
        if (!acquired) {
            throw new LockNotAcquiredException(name);
        }
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
