package com.orderplatform.infra.ids;

public interface IdGenerator {

    long nextId();
}
