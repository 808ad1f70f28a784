package com.orderplatform.infra.locks;

public class LockNotAcquiredException extends RuntimeException {

    public LockNotAcquiredException(String name) {
        super("lock " + name + " is held elsewhere");
    }
}
