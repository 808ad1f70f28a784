package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentIds;
import com.orderplatform.api.payment.PaymentRefundedEvent;
import com.orderplatform.app.support.PaymentProvider;
import com.orderplatform.app.support.RunningApp;
import com.orderplatform.app.support.SharedApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's webhooks, as the provider simulator sends them and as an attacker would: a late approval arrives
 * only by webhook (our call gave up after {@link RunningApp#PROVIDER_READ_TIMEOUT}) and is refunded; a forged, a
 * tampered, a replayed and a wrong-amount webhook about the same payment are refused and change nothing.
 */
class PaymentWebhookIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/payments/webhook";
    private final RunningApp app = app();
    private final String admin = app.admin();

    /** The application under test: the shared one on H2; the PostgreSQL variant overrides it. */
    RunningApp app() {
        return SharedApp.get();
    }

    @BeforeEach
    void breakerClosed() {
        PaymentProvider.awaitBreakerClosed(app);
    }

    @AfterEach
    void providerUp() {
        PaymentProvider.set(app, "UP");
    }

    @Test
    void anApprovalOnlyTheWebhookBringsIsRecordedAndRefundedAndNoForgedReplayedOrWrongWebhookChangesAnything() {
        app.defineProduct("WEBHOOK-1", 1_250, 10, 0);
        // The provider answers after the payment timeout, and our call has given up long before: the payment expires.
        PaymentProvider.slow(app, RunningApp.PAYMENT_TIMEOUT.plusSeconds(3));
        String orderId = app.placeOrderId(app.customer("webhook-buyer"), "tok_ok", "WEBHOOK-1", 2);
        JsonNode order = awaitTerminal(app, admin, orderId, RunningApp.PAYMENT_TIMEOUT.plusSeconds(5));
        assertThat(order.get("cancelReason").asText()).isEqualTo("PAYMENT_TIMEOUT");
        String payment = PaymentIds.forOrder(orderId);
        List<String> before = app.storedEventIds(payment);

        // Before the provider decides, webhooks about this payment from someone else: none may change it.
        long now = Instant.now().getEpochSecond();
        String approval = event("evt_forged_" + orderId, "payment_intent.succeeded", orderId, 2_500);
        assertThat(send(approval, sign("whsec_guessed", now, approval)).code()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        assertThat(send(approval, null).code()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        String signedThenTampered = sign(RunningApp.WEBHOOK_SECRET, now, approval);
        String tampered = approval.replace("\"amount\":2500", "\"amount\":2499");
        assertThat(send(tampered, signedThenTampered).status()).isEqualTo(401);
        long tenMinutesAgo = now - 600;
        RunningApp.Response replayed = send(approval, sign(RunningApp.WEBHOOK_SECRET, tenMinutesAgo, approval));
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.code()).isEqualTo("WEBHOOK_TIMESTAMP_OUTSIDE_TOLERANCE");
        String wrongAmount = event("evt_amount_" + orderId, "payment_intent.succeeded", orderId, 1);
        RunningApp.Response refusedAmount = send(wrongAmount, sign(RunningApp.WEBHOOK_SECRET, now, wrongAmount));
        assertThat(refusedAmount.status()).as(refusedAmount.body()).isEqualTo(422);
        assertThat(refusedAmount.code()).isEqualTo("AMOUNT_MISMATCH");
        assertThat(refusedAmount.contentType()).startsWith("application/problem+json");
        // The same wrong-amount event sent again within the tolerance is a replay.
        assertThat(send(wrongAmount, sign(RunningApp.WEBHOOK_SECRET, now, wrongAmount)).code())
                .isEqualTo("WEBHOOK_REPLAYED");
        assertThat(app.storedEventIds(payment)).as("nothing recorded for the refused webhooks").isEqualTo(before);
        assertThat(PaymentProvider.record(app, orderId).get("refunds")).isEmpty();

        // The provider approves after our call gave up: only its signed webhook can tell us, and the charge is
        // refunded, once, at the provider.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode record = PaymentProvider.record(app, orderId);
            assertThat(record.get("charges")).hasSize(1);
            assertThat(record.get("refunds")).hasSize(1);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> app.storedEventsOfType(payment, PaymentRefundedEvent.class) == 1);
        assertThat(app.storedEventsOfType(payment, PaymentChargedEvent.class)).isEqualTo(1);
        assertThat(app.get("/actuator/metrics/orders.payment.webhooks?tag=outcome:recorded", admin).status())
                .isEqualTo(200);
    }

    @Test
    void aWebhookThatIsNotAnEventIsRefused() {
        long now = Instant.now().getEpochSecond();
        String notAnEvent = "{\"hello\":\"world\"}";
        RunningApp.Response answer = send(notAnEvent, sign(RunningApp.WEBHOOK_SECRET, now, notAnEvent));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("WEBHOOK_MALFORMED");
    }

    private RunningApp.Response send(String body, String signature) {
        return signature == null ? app.postRaw(PATH, null, "application/json", body)
                : app.postRaw(PATH, null, "application/json", body, "Provider-Signature", signature);
    }

    private static String event(String id, String type, String orderId, long amount) {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", "pi_attacker");
        intent.put("order_id", orderId);
        intent.put("amount", amount);
        intent.put("currency", "EUR");
        intent.put("status", "succeeded");
        try {
            return JSON.writeValueAsString(Map.of("id", id, "type", type, "created", Instant.now().getEpochSecond(),
                    "data", Map.of("object", intent)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's signature scheme: {@code t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">}. */
    private static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
