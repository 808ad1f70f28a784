package com.orderplatform.command.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.api.RuleViolation;
import com.orderplatform.infra.security.AdminOnly;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rehearsal controls of the payment provider simulator, in the local default only (like the dev tokens): take it
 * down, slow it, read its own record of an order's charges and refunds. Each is passed on to the provider over HTTP
 * — to the one every instance shares when scaled out.
 */
@Profile("local")
@AdminOnly
@RestController
class DevPaymentProviderController {

    enum Mode { UP, DOWN, SLOW }

    private final HttpPaymentGateway provider;

    DevPaymentProviderController(HttpPaymentGateway provider) {
        this.provider = provider;
    }

    /**
     * {@code latencyMs}: how long each answer takes (SLOW needs it; UP may set it; absent: the configured one);
     * {@code webhooks}: false loses every webhook from now on (absent: sent).
     */
    record ProviderSettings(@NotNull Mode mode, @Min(0) @Max(600_000) Long latencyMs, Boolean webhooks) {
    }

    /** What the provider holds for one order: every call it got, the charges it made, the refunds it made. */
    record ProviderRecord(String orderId, List<JsonNode> calls, List<String> charges, List<String> refunds) {
    }

    @GetMapping("/api/dev/payment-provider")
    ProviderSettings settings() {
        return settings(simulator(() -> provider.simulator()));
    }

    @PutMapping(path = "/api/dev/payment-provider", consumes = "application/json")
    ProviderSettings set(@Valid @RequestBody ProviderSettings wanted) {
        if (wanted.mode() == Mode.SLOW && wanted.latencyMs() == null) {
            throw RuleViolation.invalid("LATENCY_REQUIRED", "mode SLOW needs latencyMs.");
        }
        Map<String, Object> behaviour = new LinkedHashMap<>();
        behaviour.put("mode", wanted.mode().name());
        if (wanted.latencyMs() != null) {
            behaviour.put("latency_ms", wanted.latencyMs());
        }
        behaviour.put("webhooks", wanted.webhooks() == null || wanted.webhooks());
        return settings(simulator(() -> provider.simulate(behaviour)));
    }

    @GetMapping("/api/dev/payment-provider/charges")
    ProviderRecord charges(@RequestParam String orderId) {
        List<JsonNode> calls = new ArrayList<>();
        List<String> charges = new ArrayList<>();
        List<String> refunds = new ArrayList<>();
        for (JsonNode intent : provider.intentsOfOrder(orderId)) {
            intent.path("calls").forEach(calls::add);
            if ("succeeded".equals(intent.path("status").asText())) {
                charges.add(intent.path("id").asText());
            }
            intent.path("refunds").forEach(refund -> refunds.add(refund.path("id").asText()));
        }
        return new ProviderRecord(orderId, calls, charges, refunds);
    }

    private static ProviderSettings settings(JsonNode behaviour) {
        return new ProviderSettings(Mode.valueOf(behaviour.path("mode").asText()), behaviour.path("latency_ms").asLong(),
                behaviour.path("webhooks").asBoolean());
    }

    private static JsonNode simulator(java.util.function.Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (CompletionException e) {
            if (e.getCause() instanceof HttpPaymentGateway.PaymentProviderException refused && refused.status() == 404) {
                throw RuleViolation.notFound("PROVIDER_NOT_SIMULATED", "This instance talks to a real payment provider.");
            }
            throw e;
        }
    }
}
