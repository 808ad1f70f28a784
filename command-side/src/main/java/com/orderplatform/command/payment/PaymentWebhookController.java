package com.orderplatform.command.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.payment.RecordChargeOutcomeCommand;
import com.orderplatform.api.payment.RecordRefundCommand;
import com.orderplatform.infra.axon.GroupCommit;
import com.orderplatform.infra.error.Problems;
import com.orderplatform.infra.security.SecurityConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Outcomes the provider sends on its own: a charge decided after our call gave up (timeout) or after the calling
 * instance died, a refund. Each is recorded through the same commands as an answer to our call, so it confirms a
 * payment still waiting, is refunded at once on one that expired, and changes nothing on one already settled. A
 * webhook is read only once its signature and age are good ({@link WebhookVerifier}); one whose amount is not the
 * payment's is refused by the aggregate (422) and changes nothing. A payment we do not hold is acknowledged (204)
 * and left to reconciliation, so the provider does not send it for ever.
 */
@RestController
class PaymentWebhookController {

    static final String PATH = SecurityConfiguration.PAYMENT_WEBHOOK;
    static final String SIGNATURE_HEADER = "Provider-Signature";
    private static final Logger log = LoggerFactory.getLogger(PaymentWebhookController.class);

    private final WebhookVerifier verifier;
    private final GroupCommit commits;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final RecordedOutcomes recorded;

    PaymentWebhookController(WebhookVerifier verifier, GroupCommit commits, ObjectMapper json, MeterRegistry meters,
                             RecordedOutcomes recorded) {
        this.verifier = verifier;
        this.commits = commits;
        this.json = json;
        this.meters = meters;
        this.recorded = recorded;
    }

    @PostMapping(path = PATH, consumes = "application/json")
    ResponseEntity<Void> receive(@RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
                                 @RequestBody byte[] body) {
        long timestamp = verifier.verify(signature, body);
        JsonNode event = parse(body);
        String eventId = event.path("id").asText();
        verifier.refuseIfHandled(eventId);
        JsonNode object = event.path("data").path("object");
        String orderId = object.path("order_id").asText();
        Object command = switch (event.path("type").asText()) {
            case "payment_intent.succeeded" -> new RecordChargeOutcomeCommand(orderId, true, object.path("id").asText(),
                    null, object.path("amount").asLong());
            case "payment_intent.payment_failed" -> new RecordChargeOutcomeCommand(orderId, false, null,
                    object.path("decline_code").asText("declined"), object.path("amount").asLong());
            case "charge.refunded" -> new RecordRefundCommand(orderId, object.path("id").asText(),
                    object.path("amount").asLong());
            default -> null;
        };
        String outcome = command == null ? "ignored" : "recorded";
        if (command != null && recordedHere(command)) {
            command = null;
            outcome = "already_recorded";
        }
        try {
            if (command != null) {
                commits.sendAndWait(command);
            }
        } catch (AggregateNotFoundException unknown) {
            log.warn("Webhook {} names order {}, whose payment is not held here; left to reconciliation", eventId,
                    orderId);
            outcome = "unknown_payment";
        } catch (RuleViolation refused) {
            log.error("Webhook {} refused for order {}: {}", eventId, orderId, refused.getMessage());
            verifier.handled(eventId, timestamp);
            count("refused_" + refused.code().toLowerCase());
            throw refused;
        }
        verifier.handled(eventId, timestamp);
        count(outcome);
        return ResponseEntity.noContent().build();
    }

    /** The outcome this instance recorded from its own call's answer: the same again would change nothing. */
    private boolean recordedHere(Object command) {
        if (command instanceof RecordChargeOutcomeCommand charge) {
            return recorded.contains(charge.orderId(),
                    charge.approved() ? RecordedOutcomes.CHARGED : RecordedOutcomes.DECLINED);
        }
        return command instanceof RecordRefundCommand refund
                && recorded.contains(refund.orderId(), RecordedOutcomes.REFUNDED);
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode event = json.readTree(body);
            if (event != null && event.path("id").isTextual() && event.path("type").isTextual()
                    && event.path("data").path("object").isObject()) {
                return event;
            }
        } catch (IOException e) {
            // refused below
        }
        throw new WebhookVerifier.Refused(HttpStatus.BAD_REQUEST, "WEBHOOK_MALFORMED",
                "The webhook is not an event with an id, a type and a data object.");
    }

    @ExceptionHandler(WebhookVerifier.Refused.class)
    ResponseEntity<ProblemDetail> refused(WebhookVerifier.Refused refused) {
        count("refused_" + refused.code.toLowerCase());
        return ResponseEntity.status(refused.status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(refused.status, refused.code, refused.getMessage()));
    }

    private void count(String outcome) {
        Counter.builder("orders.payment.webhooks").tag("outcome", outcome).description("Provider webhooks by outcome")
                .register(meters).increment();
    }
}
