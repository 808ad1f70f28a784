package com.orderplatform.command.payment;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.infra.security.AdminOnly;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rehearsal controls of the simulated payment provider, in the local default only (like the dev tokens): take it
 * down, slow it, read its own record of an order's charges and refunds.
 */
@Profile("local")
@AdminOnly
@RestController
class DevPaymentProviderController {

    private final ObjectProvider<SimulatedPaymentGateway> provider;

    DevPaymentProviderController(ObjectProvider<SimulatedPaymentGateway> provider) {
        this.provider = provider;
    }

    /** {@code latencyMs}: how long each answer takes (SLOW needs it; UP may set it; absent: the configured one). */
    record ProviderSettings(@NotNull SimulatedPaymentGateway.Mode mode, @Min(0) @Max(600_000) Long latencyMs) {
    }

    @GetMapping("/api/dev/payment-provider")
    ProviderSettings settings() {
        SimulatedPaymentGateway.Settings settings = simulated().settings();
        return new ProviderSettings(settings.mode(), settings.latency() == null ? null : settings.latency().toMillis());
    }

    @PutMapping(path = "/api/dev/payment-provider", consumes = "application/json")
    ProviderSettings set(@Valid @RequestBody ProviderSettings wanted) {
        if (wanted.mode() == SimulatedPaymentGateway.Mode.SLOW && wanted.latencyMs() == null) {
            throw RuleViolation.invalid("LATENCY_REQUIRED", "mode SLOW needs latencyMs.");
        }
        simulated().set(new SimulatedPaymentGateway.Settings(wanted.mode(),
                wanted.latencyMs() == null ? null : Duration.ofMillis(wanted.latencyMs())));
        return settings();
    }

    @GetMapping("/api/dev/payment-provider/charges")
    SimulatedPaymentGateway.Record charges(@RequestParam String orderId) {
        return simulated().record(orderId);
    }

    private SimulatedPaymentGateway simulated() {
        SimulatedPaymentGateway simulated = provider.getIfAvailable();
        if (simulated == null) {
            throw RuleViolation.notFound("PROVIDER_NOT_SIMULATED", "This instance talks to a real payment provider.");
        }
        return simulated;
    }
}
