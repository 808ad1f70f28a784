package com.orderplatform.infra.redis;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A redis-server of a test class's own on a free port, with a Redisson client: started before the class, emptied
 * before each test, stopped after the class. Register it as a static field with {@code @RegisterExtension}.
 */
public final class RealRedis implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final int connectionPoolSize;
    private EmbeddedRedisServer server;
    private RedissonClient client;

    public RealRedis() {
        this(new Config().useSingleServer().getConnectionPoolSize());
    }

    public RealRedis(int connectionPoolSize) {
        this.connectionPoolSize = connectionPoolSize;
    }

    public RedissonClient client() {
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new EmbeddedRedisServer(0);
        server.start();
        Config config = new Config();
        config.useSingleServer().setAddress(server.address()).setConnectionPoolSize(connectionPoolSize);
        client = Redisson.create(config);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        client.getKeys().flushall();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.shutdown();
        server.stop();
    }
}
