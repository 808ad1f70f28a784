package com.orderplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

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
}
