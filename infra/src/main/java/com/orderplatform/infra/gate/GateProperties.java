package com.orderplatform.infra.gate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code degradedMode}: what ingress does while Redis is failing or slow (its breaker, {@code orders.redis.breaker},
 * is open) — {@code BYPASS} (accept; the ledger still prevents oversell) or {@code REJECT} (503).
 * {@code orderRecordTtl}: how long the gate remembers an order, so that reserve and release are idempotent.
 * {@code soldOutFor}: how long an instance refuses a SKU the gate found empty without asking it again.
 * {@code healAfter}: how old a reservation whose order was never stored must be before its units go back (a placement
 * takes at most the group commit's wait, 30 s, to store its order or fail); {@code healEvery}: how often to look.
 */
@ConfigurationProperties("orders.gate")
public record GateProperties(
        @DefaultValue("BYPASS") DegradedMode degradedMode,
        @DefaultValue("7d") Duration orderRecordTtl,
        @DefaultValue("1s") Duration soldOutFor,
        @DefaultValue("2m") Duration healAfter,
        @DefaultValue("15s") Duration healEvery) {

    public enum DegradedMode { BYPASS, REJECT }
}
