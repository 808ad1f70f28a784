package com.orderplatform.infra.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The commands a client waits for (placements, payment outcomes, …) commit together ({@link GroupCommit}):
 * {@code linger} is how long the first waits for company, {@code maxBatch} the largest batch, {@code writers} the
 * threads that commit, {@code checkpointEvery} the least time between two of H2's checkpoints (the commits made
 * meanwhile share the next), {@code wait} how long a client waits for its commit before {@code 503 BUSY}
 * ({@code wait}; {@code clientWait} here, as a record cannot have a component named wait).
 */
@ConfigurationProperties("orders.group-commit")
public record GroupCommitProperties(
        @DefaultValue("1") int writers,
        @DefaultValue("100") int maxBatch,
        @DefaultValue("20ms") Duration linger,
        @DefaultValue("100ms") Duration checkpointEvery,
        @Name("wait") @DefaultValue("30s") Duration clientWait) {
}
