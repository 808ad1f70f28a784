package com.orderplatform.command.order;

import com.orderplatform.api.order.ConfirmOrderCommand;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.PlaceOrderCommand;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
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

/**
 * The Order aggregate's command handling on Axon's in-memory event store, with the bean validation the
 * application puts on the command bus: what one order costs the command side before any database or network
 * (confirming sells no stock here: only the order's own handling is measured).
 * It lives in the aggregate's package because the aggregate is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class CommandHandlingBenchmark {

    private static final List<OrderLine> LINES = List.of(new OrderLine("SKU-1", 2, 1999), new OrderLine("SKU-2", 1, 500));

    private final AtomicLong ids = new AtomicLong();
    private Configuration axon;
    private CommandGateway commands;

    @Setup(Level.Trial)
    public void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .configureAggregate(Order.class)
                .buildConfiguration();
        axon.start();
        axon.commandBus().registerDispatchInterceptor(new BeanValidationInterceptor<>());
        new AnnotationCommandHandlerAdapter<>(new OrderConfirmation(axon.repository(Order.class), (orderId, lines) -> { }))
                .subscribe(axon.commandBus());
        commands = axon.commandGateway();
    }

    @TearDown(Level.Trial)
    public void stop() {
        axon.shutdown();
    }

    @Benchmark
    public Object placeOrder() {
        return commands.sendAndWait(place(Long.toString(ids.incrementAndGet())));
    }

    @Benchmark
    public Object placeAndConfirmOrder() {
        String orderId = Long.toString(ids.incrementAndGet());
        commands.sendAndWait(place(orderId));
        return commands.sendAndWait(new ConfirmOrderCommand(orderId, LINES));
    }

    private static PlaceOrderCommand place(String orderId) {
        return new PlaceOrderCommand(orderId, "user-" + orderId, LINES, 4498, "EUR", "tok_ok");
    }
}
