package com.orderplatform.infra.gate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code degradedMode}: what ingress does while Redis is failing or slow — {@code BYPASS} (accept; the ledger
 * still prevents oversell) or {@code REJECT} (503). The breaker opens when half of the last calls failed or took
 * longer than {@code slowCall}, and probes Redis again after {@code openFor}. {@code soldOutFor}: how long an
 * instance refuses a SKU the gate found empty without asking it again.
 */
@ConfigurationProperties("orders.gate")
public record GateProperties(
        @DefaultValue("BYPASS") DegradedMode degradedMode,
        @DefaultValue("7d") Duration orderRecordTtl,
        @DefaultValue("1s") Duration slowCall,
        @DefaultValue("2s") Duration openFor,
        @DefaultValue("1s") Duration soldOutFor) {

    public enum DegradedMode { BYPASS, REJECT }
}
