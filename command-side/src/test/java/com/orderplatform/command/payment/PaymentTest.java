package com.orderplatform.command.payment;

import static com.orderplatform.command.payment.PaymentFixtures.APPROVED;
import static com.orderplatform.command.payment.PaymentFixtures.CHARGE;
import static com.orderplatform.command.payment.PaymentFixtures.CHARGED;
import static com.orderplatform.command.payment.PaymentFixtures.DECLINED;
import static com.orderplatform.command.payment.PaymentFixtures.ORDER;
import static com.orderplatform.command.payment.PaymentFixtures.REQUESTED;
import static com.orderplatform.command.support.Violations.violation;

import com.orderplatform.api.payment.ExpirePaymentCommand;
import com.orderplatform.api.payment.ParkPaymentCommand;
import com.orderplatform.api.payment.PaymentDeclinedEvent;
import com.orderplatform.api.payment.PaymentExpiredEvent;
import com.orderplatform.api.payment.PaymentParkedEvent;
import com.orderplatform.api.payment.PaymentRefundRequestedEvent;
import com.orderplatform.api.payment.PaymentRefundedEvent;
import com.orderplatform.api.payment.RecordChargeOutcomeCommand;
import com.orderplatform.api.payment.RecordRefundCommand;
import com.orderplatform.api.payment.RefundPaymentCommand;
import com.orderplatform.api.payment.RefundReason;
import com.orderplatform.api.payment.ResumePaymentCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
    }

    @Test
    void requestsACharge() {
        fixture.givenNoPriorActivity().when(CHARGE)
                .expectEvents(REQUESTED);
    }

    @Test
    void aRepeatedChargeRequestChargesOnce() {
        fixture.given(REQUESTED).when(CHARGE).expectNoEvents();
    }

    @Test
    void recordsAnApprovedCharge() {
        fixture.given(REQUESTED).when(APPROVED).expectEvents(CHARGED);
    }

    @Test
    void recordsADeclinedCharge() {
        fixture.given(REQUESTED).when(DECLINED).expectEvents(new PaymentDeclinedEvent(ORDER, "card_declined"));
    }

    @Test
    void aDuplicateAnswerFromTheProviderChangesNothing() {
        fixture.given(REQUESTED, CHARGED).when(APPROVED).expectNoEvents();
    }

    @Test
    void expiresAPaymentWithNoAnswer() {
        fixture.given(REQUESTED).when(new ExpirePaymentCommand(ORDER)).expectEvents(new PaymentExpiredEvent(ORDER));
    }

    @Test
    void doesNotExpireAPaymentThatWasAlreadyCharged() {
        fixture.given(REQUESTED, CHARGED).when(new ExpirePaymentCommand(ORDER)).expectNoEvents();
    }

    @Test
    void doesNotExpireADeclinedPayment() {
        fixture.given(REQUESTED, new PaymentDeclinedEvent(ORDER, "card_declined")).when(new ExpirePaymentCommand(ORDER))
                .expectNoEvents();
    }

    @Test
    void ignoresARefundConfirmationNobodyAskedFor() {
        fixture.given(REQUESTED, CHARGED).when(new RecordRefundCommand(ORDER, "refund-1", 3000)).expectNoEvents();
    }

    @Test
    void aRepeatedRefundConfirmationChangesNothing() {
        fixture.given(REQUESTED, CHARGED,
                        new PaymentRefundRequestedEvent(ORDER, 3000, "EUR", "ref-1", RefundReason.ORDER_CANCELLED),
                        new PaymentRefundedEvent(ORDER, 3000, "EUR", "refund-1"))
                .when(new RecordRefundCommand(ORDER, "refund-1", 3000)).expectNoEvents();
    }

    @Test
    void refundsAChargeThatArrivesAfterExpiry() {
        fixture.given(REQUESTED, new PaymentExpiredEvent(ORDER)).when(APPROVED)
                .expectEvents(CHARGED,
                        new PaymentRefundRequestedEvent(ORDER, 3000, "EUR", "ref-1", RefundReason.CHARGED_AFTER_EXPIRY));
    }

    @Test
    void ignoresADeclineThatArrivesAfterExpiry() {
        fixture.given(REQUESTED, new PaymentExpiredEvent(ORDER)).when(DECLINED).expectNoEvents();
    }

    @Test
    void requestsARefundOfACharge() {
        fixture.given(REQUESTED, CHARGED).when(new RefundPaymentCommand(ORDER))
                .expectEvents(new PaymentRefundRequestedEvent(ORDER, 3000, "EUR", "ref-1", RefundReason.ORDER_CANCELLED));
    }

    @Test
    void aRepeatedRefundRequestRefundsOnce() {
        fixture.given(REQUESTED, CHARGED,
                        new PaymentRefundRequestedEvent(ORDER, 3000, "EUR", "ref-1", RefundReason.ORDER_CANCELLED))
                .when(new RefundPaymentCommand(ORDER)).expectNoEvents();
    }

    @Test
    void refusesToRefundAPaymentThatWasNeverCharged() {
        fixture.given(REQUESTED, new PaymentDeclinedEvent(ORDER, "card_declined")).when(new RefundPaymentCommand(ORDER))
                .expectException(violation("NOTHING_TO_REFUND"));
    }

    @Test
    void recordsTheRefund() {
        fixture.given(REQUESTED, CHARGED,
                        new PaymentRefundRequestedEvent(ORDER, 3000, "EUR", "ref-1", RefundReason.ORDER_CANCELLED))
                .when(new RecordRefundCommand(ORDER, "refund-1", 3000))
                .expectEvents(new PaymentRefundedEvent(ORDER, 3000, "EUR", "refund-1"));
    }

    @Test
    void refusesAChargeOfAnotherAmountThanRequested() {
        fixture.given(REQUESTED).when(new RecordChargeOutcomeCommand(ORDER, true, "ref-1", null, 3001))
                .expectException(violation("AMOUNT_MISMATCH"));
    }

    @Test
    void refusesALateChargeOfAnotherAmountAndRefundsNothing() {
        fixture.given(REQUESTED, new PaymentExpiredEvent(ORDER))
                .when(new RecordChargeOutcomeCommand(ORDER, true, "ref-1", null, 1))
                .expectException(violation("AMOUNT_MISMATCH"));
    }

    @Test
    void refusesARefundOfAnotherAmountThanCaptured() {
        fixture.given(REQUESTED, CHARGED,
                        new PaymentRefundRequestedEvent(ORDER, 3000, "EUR", "ref-1", RefundReason.ORDER_CANCELLED))
                .when(new RecordRefundCommand(ORDER, "refund-1", 4000))
                .expectException(violation("AMOUNT_MISMATCH"));
    }

    @Test
    void aChargeTheProviderCouldNotBeReachedForIsParked() {
        fixture.given(REQUESTED).when(new ParkPaymentCommand(ORDER)).expectEvents(new PaymentParkedEvent(ORDER));
    }

    @Test
    void aResumedRefundIsRequestedAgainAsItWasFirst() {
        PaymentRefundRequestedEvent refund = new PaymentRefundRequestedEvent(ORDER, 3000, "EUR", "ref-1",
                RefundReason.CHARGED_AFTER_EXPIRY);
        fixture.given(REQUESTED, new PaymentExpiredEvent(ORDER), CHARGED, refund)
                .when(new ResumePaymentCommand(ORDER)).expectEvents(refund);
    }

    @Test
    void aResumeOfASettledPaymentChangesNothing() {
        fixture.given(REQUESTED, CHARGED).when(new ResumePaymentCommand(ORDER)).expectNoEvents();
    }

    @Test
    void aResumedChargeIsRequestedAgainWithTheSameAmountAndMethod() {
        fixture.given(REQUESTED, new PaymentParkedEvent(ORDER)).when(new ResumePaymentCommand(ORDER))
                .expectEvents(REQUESTED);
    }

    @Test
    void onlyAParkedChargeIsResumed() {
        fixture.given(REQUESTED).when(new ResumePaymentCommand(ORDER)).expectNoEvents();
        fixture.given(REQUESTED, CHARGED).when(new ResumePaymentCommand(ORDER)).expectNoEvents();
    }

    @Test
    void aParkedChargeExpiresAfterItsMaximumPark() {
        fixture.given(REQUESTED, new PaymentParkedEvent(ORDER)).when(new ExpirePaymentCommand(ORDER))
                .expectEvents(new PaymentExpiredEvent(ORDER));
    }

    @Test
    void aParkedChargeThatExpiredIsNotResumed() {
        fixture.given(REQUESTED, new PaymentParkedEvent(ORDER), new PaymentExpiredEvent(ORDER))
                .when(new ResumePaymentCommand(ORDER)).expectNoEvents();
    }
}
