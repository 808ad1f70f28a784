package com.orderplatform.saga;

import static com.orderplatform.saga.SagaFixtures.CHARGED;
import static com.orderplatform.saga.SagaFixtures.CONFIRMED;
import static com.orderplatform.saga.SagaFixtures.DECLINED;
import static com.orderplatform.saga.SagaFixtures.EXPIRED;
import static com.orderplatform.saga.SagaFixtures.ONE_LINE;
import static com.orderplatform.saga.SagaFixtures.ORDER;
import static com.orderplatform.saga.SagaFixtures.PLACED;
import static com.orderplatform.saga.SagaFixtures.PLACED_TWO_LINES;
import static com.orderplatform.saga.SagaFixtures.REFUNDED;
import static com.orderplatform.saga.SagaFixtures.TWO_LINES;
import static com.orderplatform.saga.SagaFixtures.USER;
import static com.orderplatform.saga.SagaFixtures.cancellationRequested;
import static com.orderplatform.saga.SagaFixtures.cancelled;
import static com.orderplatform.saga.SagaFixtures.committed;
import static com.orderplatform.saga.SagaFixtures.rejected;
import static com.orderplatform.saga.SagaFixtures.released;
import static com.orderplatform.saga.SagaFixtures.reserved;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.api.inventory.ReleaseStockCommand;
import com.orderplatform.api.inventory.ReservationRejectionReason;
import com.orderplatform.api.inventory.ReserveStockCommand;
import com.orderplatform.api.order.CancelOrderCommand;
import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.ConfirmOrderCommand;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.payment.ChargePaymentCommand;
import com.orderplatform.api.payment.ExpirePaymentCommand;
import com.orderplatform.api.payment.PaymentExpiredEvent;
import com.orderplatform.api.payment.PaymentParkedEvent;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.api.payment.RefundPaymentCommand;
import com.orderplatform.api.payment.ResumePaymentCommand;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The saga's decision table, without Axon. */
class OrderSagaDecisionsTest {

    private static OrderSagaDecision after(OrderSagaDecision start, Object... events) {
        OrderSagaDecision decision = start;
        for (Object event : events) {
            decision = OrderSagaDecisions.on(Optional.of(decision.state()), event).orElseThrow();
        }
        return decision;
    }

    @Test
    void anOrderPlacedStartsASagaOnlyOnce() {
        OrderSagaDecision started = OrderSagaDecisions.on(Optional.empty(), PLACED).orElseThrow();

        assertThat(started.state().step()).isEqualTo(OrderSagaStep.RESERVING_STOCK);
        assertThat(OrderSagaDecisions.on(Optional.of(started.state()), PLACED)).isEmpty();
    }

    @Test
    void anEventOfAnOrderWithoutASagaStartsNothing() {
        assertThat(OrderSagaDecisions.on(Optional.empty(), CHARGED)).isEmpty();
    }

    @Test
    void aCancellationOfAnOrderWhoseSagaEndedStartsTheCancellation() {
        OrderSagaDecision done = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"), CHARGED, CONFIRMED);

        OrderSagaDecision cancelling = OrderSagaDecisions.on(Optional.of(done.state()),
                cancellationRequested(OrderStatus.PAID)).orElseThrow();

        assertThat(cancelling.command()).isEqualTo(new RefundPaymentCommand(ORDER));
        assertThat(cancelling.state().step()).isEqualTo(OrderSagaStep.REFUNDING_PAYMENT);
    }

    @Test
    void placingStartsByReservingEveryLine() {
        OrderSagaDecision decision = OrderSagaDecisions.start(PLACED_TWO_LINES);

        assertThat(decision.command()).isEqualTo(new ReserveStockCommand(ORDER, USER, TWO_LINES));
        assertThat(decision.state().step()).isEqualTo(OrderSagaStep.RESERVING_STOCK);
    }

    @Test
    void waitsForEveryLineToBeReservedBeforeCharging() {
        OrderSagaDecision oneOfTwo = after(OrderSagaDecisions.start(PLACED_TWO_LINES), reserved("SKU-1"));
        OrderSagaDecision both = after(oneOfTwo, reserved("SKU-2"));

        assertThat(oneOfTwo.command()).isNull();
        assertThat(both.command()).isEqualTo(new ChargePaymentCommand(ORDER, USER, 3500, "EUR", "tok_ok"));
        assertThat(both.state().step()).isEqualTo(OrderSagaStep.CHARGING_PAYMENT);
    }

    @Test
    void aDuplicateReservationEventDoesNotCountTwice() {
        OrderSagaDecision decision = after(OrderSagaDecisions.start(PLACED_TWO_LINES), reserved("SKU-1"), reserved("SKU-1"));

        assertThat(decision.command()).isNull();
        assertThat(decision.state().step()).isEqualTo(OrderSagaStep.RESERVING_STOCK);
    }

    @Test
    void aRejectedReservationCancelsWithTheLedgersReason() {
        OrderSagaDecision decision = after(OrderSagaDecisions.start(PLACED), rejected(ReservationRejectionReason.LIMIT_EXCEEDED));

        assertThat(decision.command()).isEqualTo(new CancelOrderCommand(ORDER, CancelReason.LIMIT_EXCEEDED));
    }

    @Test
    void aDeclinedChargeReleasesStockThenCancels() {
        OrderSagaDecision declined = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"), DECLINED);
        OrderSagaDecision released = after(declined, released("SKU-1"));

        assertThat(declined.command()).isInstanceOf(ReleaseStockCommand.class);
        assertThat(released.command()).isEqualTo(new CancelOrderCommand(ORDER, CancelReason.PAYMENT_DECLINED));
    }

    @Test
    void anOverdueChargeIsExpiredOnlyWhileTheSagaStillWaitsForIt() {
        OrderSagaDecision charging = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"));
        OrderSagaDecision confirming = after(charging, CHARGED);

        assertThat(OrderSagaDecisions.chargeOverdue(charging.state())).contains(new ExpirePaymentCommand(ORDER));
        assertThat(OrderSagaDecisions.chargeOverdue(confirming.state())).isEmpty();
    }

    @Test
    void anExpiredPaymentCancelsAsTimedOutAfterReleasingStock() {
        OrderSagaDecision expired = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"), EXPIRED);
        OrderSagaDecision cancelling = after(expired, released("SKU-1"));

        assertThat(expired.command()).isInstanceOf(ReleaseStockCommand.class);
        assertThat(cancelling.command()).isEqualTo(new CancelOrderCommand(ORDER, CancelReason.PAYMENT_TIMEOUT));
    }

    @Test
    void aChargeArrivingAfterTheExpiryWasRecordedIsIgnored() {
        OrderSagaDecision releasing = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"), EXPIRED);
        OrderSagaDecision late = after(releasing, CHARGED);

        assertThat(late.command()).isNull();
        assertThat(late.state()).isEqualTo(releasing.state());
    }

    @Test
    void aChargeConfirmsTheOrderWithItsLinesThenEnds() {
        OrderSagaDecision charged = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"), CHARGED);
        OrderSagaDecision confirmed = after(charged, CONFIRMED);

        assertThat(charged.command()).isEqualTo(new ConfirmOrderCommand(ORDER, ONE_LINE));
        assertThat(confirmed.command()).isNull();
        assertThat(confirmed.ends()).isTrue();
    }

    @Test
    void theUnitsBeingSoldDoNotMoveTheSaga() {
        OrderSagaDecision confirming = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"), CHARGED);

        assertThat(after(confirming, committed("SKU-1"))).isEqualTo(OrderSagaDecision.stay(confirming.state()));
    }

    @Test
    void aCancellationRequestedWhileConfirmingRefunds() {
        OrderSagaDecision confirming = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"), CHARGED);
        OrderSagaDecision requested = after(confirming, cancellationRequested(OrderStatus.PENDING));

        assertThat(requested.command()).isEqualTo(new RefundPaymentCommand(ORDER));
    }

    @Test
    void cancellingAPaidOrderRefundsReleasesAndCancels() {
        OrderSagaDecision refunding = OrderSagaDecisions.startCancellation(cancellationRequested(OrderStatus.PAID));
        OrderSagaDecision releasing = after(refunding, REFUNDED);
        OrderSagaDecision cancelling = after(releasing, released("SKU-1"));
        OrderSagaDecision done = after(cancelling, cancelled(CancelReason.CUSTOMER_REQUEST));

        assertThat(refunding.command()).isEqualTo(new RefundPaymentCommand(ORDER));
        assertThat(releasing.command()).isInstanceOf(ReleaseStockCommand.class);
        assertThat(cancelling.command()).isEqualTo(new CancelOrderCommand(ORDER, CancelReason.CUSTOMER_REQUEST));
        assertThat(done.ends()).isTrue();
    }

    @Test
    void theCustomersReasonWinsOverALaterDecline() {
        OrderSagaDecision decision = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"),
                cancellationRequested(OrderStatus.PENDING), DECLINED, released("SKU-1"));

        assertThat(decision.command()).isEqualTo(new CancelOrderCommand(ORDER, CancelReason.CUSTOMER_REQUEST));
    }

    @Test
    void eventsThatDoNotBelongToTheStepChangeNothing() {
        OrderSagaDecision reserving = OrderSagaDecisions.start(PLACED);

        for (Object stray : new Object[]{CHARGED, DECLINED, EXPIRED, REFUNDED, CONFIRMED, committed("SKU-1"),
                released("SKU-1"), cancelled(CancelReason.OUT_OF_STOCK)}) {
            OrderSagaDecision decision = OrderSagaDecisions.on(Optional.of(reserving.state()), stray).orElseThrow();
            assertThat(decision.command()).as("command after %s", stray).isNull();
            assertThat(decision.state()).as("state after %s", stray).isEqualTo(reserving.state());
        }
    }

    @Test
    void aParkedChargeWaitsInParkedAndSendsNothing() {
        OrderSagaDecision parked = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"),
                new PaymentParkedEvent(ORDER));

        assertThat(parked.state().step()).isEqualTo(OrderSagaStep.PARKED);
        assertThat(parked.command()).isNull();
        assertThat(OrderSagaDecisions.pendingCommand(parked.state())).contains(new ResumePaymentCommand(ORDER));
        assertThat(OrderSagaDecisions.chargeOverdue(parked.state())).contains(new ExpirePaymentCommand(ORDER));
    }

    @Test
    void aParkedChargeRequestedAgainIsChargingAgainAndItsOutcomeCountsAsWhileCharging() {
        OrderSagaDecision parked = after(OrderSagaDecisions.start(PLACED), reserved("SKU-1"),
                new PaymentParkedEvent(ORDER));

        OrderSagaDecision resumed = after(parked, new PaymentRequestedEvent(ORDER, USER, 0, "EUR", "tok_ok"));
        OrderSagaDecision chargedWhileParked = after(parked, CHARGED);
        OrderSagaDecision expiredWhileParked = after(parked, new PaymentExpiredEvent(ORDER));

        assertThat(resumed.state().step()).isEqualTo(OrderSagaStep.CHARGING_PAYMENT);
        assertThat(chargedWhileParked.state().step()).isEqualTo(OrderSagaStep.CONFIRMING_ORDER);
        assertThat(expiredWhileParked.state().step()).isEqualTo(OrderSagaStep.RELEASING_STOCK);
        assertThat(expiredWhileParked.state().cancelReason()).isEqualTo(CancelReason.PAYMENT_TIMEOUT);
    }

    @Test
    void thePendingCommandOfEveryStepIsWhatTheSagaSentOnEnteringIt() {
        OrderSagaDecision reserving = OrderSagaDecisions.start(PLACED);
        OrderSagaDecision charging = after(reserving, reserved("SKU-1"));
        OrderSagaDecision confirming = after(charging, CHARGED);

        for (OrderSagaDecision decision : List.of(reserving, charging, confirming)) {
            assertThat(OrderSagaDecisions.pendingCommand(decision.state())).contains(decision.command());
        }
        assertThat(OrderSagaDecisions.pendingCommand(after(confirming, CONFIRMED).state())).isEmpty();
    }
}
