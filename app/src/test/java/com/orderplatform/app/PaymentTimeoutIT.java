package com.orderplatform.app;

import static com.orderplatform.app.support.Orders.awaitTerminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentExpiredEvent;
import com.orderplatform.api.payment.PaymentIds;
import com.orderplatform.api.payment.PaymentRefundRequestedEvent;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.app.support.RunningApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payment timeout is the provider's time to answer, counted from our call: a backlog of our own — the payment
 * side or the saga running behind by longer than the timeout — cancels no order whose provider answered in time.
 */
class PaymentTimeoutIT {

    private static final Duration BEHIND = RunningApp.PAYMENT_TIMEOUT.multipliedBy(2);

    @TempDir
    Path dataDir;

    /** The database's settings: none for the default (H2); {@code PaymentTimeoutOnPostgresIT} overrides it. */
    Map<String, Object> database() {
        return Map.of();
    }

    @Test
    void aBacklogLongerThanThePaymentTimeoutCancelsNoOrderWhoseProviderAnsweredInTime() throws Exception {
        try (RunningApp app = RunningApp.start(dataDir, database())) {
            app.defineProduct("BACKLOG-1", 100, 100, 0);
            String token = app.customer("patient-buyer");
            TrackingEventProcessor payments = app.processor("payment-gateway");
            TrackingEventProcessor saga = app.processor("order-saga");

            payments.shutDown();
            List<String> orderIds = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                orderIds.add(app.placeOrderId(token, "tok_ok", "BACKLOG-1", 1));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> orderIds.stream().allMatch(id ->
                    app.storedEventsOfType(PaymentIds.forOrder(id), PaymentRequestedEvent.class) == 1));
            Thread.sleep(BEHIND.toMillis());

            saga.shutDown();
            payments.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> orderIds.stream().allMatch(id ->
                    app.storedEventsOfType(PaymentIds.forOrder(id), PaymentChargedEvent.class) == 1));
            Thread.sleep(BEHIND.toMillis());
            saga.start();

            for (String orderId : orderIds) {
                assertThat(awaitTerminal(app, token, orderId, Duration.ofSeconds(10)).get("status").asText())
                        .as(orderId).isEqualTo("PAID");
                String payment = PaymentIds.forOrder(orderId);
                assertThat(app.storedEventsOfType(payment, PaymentExpiredEvent.class)).isZero();
                assertThat(app.storedEventsOfType(payment, PaymentRefundRequestedEvent.class)).isZero();
            }
        }
    }
}
