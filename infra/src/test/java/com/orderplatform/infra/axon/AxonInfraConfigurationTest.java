package com.orderplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

class AxonInfraConfigurationTest {

    @Test
    void lockDeadlocksAndConcurrentAppendsAreRetried() {
        assertThat(AxonInfraConfiguration.isTransient(new DeadlockException("cycle"))).isTrue();
        assertThat(AxonInfraConfiguration.isTransient(new ConcurrencyException("same sequence"))).isTrue();
        assertThat(AxonInfraConfiguration.isTransient(
                new CommandExecutionException("wrapped", new DeadlockException("cycle")))).isTrue();
    }

    @Test
    void refusalsAndBugsAreNotRetried() {
        assertThat(AxonInfraConfiguration.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(AxonInfraConfiguration.isTransient(new CommandExecutionException("wrapped",
                new IllegalArgumentException("bad")))).isFalse();
    }
    @Test
    void aLockConflictOutsideAUnitOfWorkIsRetriedAndInsideOneGoesBackToTheSenderAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(String.class.getName(), command -> {
            if (attempts.incrementAndGet() == 1) {
                throw new CannotAcquireLockException("advisory lock",
                        new SQLException("ERROR: deadlock detected", "40P01"));
            }
            return "done";
        });
        CommandGateway gateway = new AxonInfraConfiguration().commandGateway(bus, new SimpleMeterRegistry());

        assertThat(gateway.send("outside").join()).isEqualTo("done");
        assertThat(attempts).hasValue(2);

        attempts.set(0);
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            CompletableFuture<Object> inside = gateway.send("inside");
            assertThat(inside).isCompletedExceptionally();
            assertThat(attempts).hasValue(1);
        } finally {
            batch.rollback();
        }
    }
}
