package com.orderplatform.saga;

import static com.orderplatform.saga.SagaFixtures.CHARGED;
import static com.orderplatform.saga.SagaFixtures.CONFIRMED;
import static com.orderplatform.saga.SagaFixtures.DECLINED;
import static com.orderplatform.saga.SagaFixtures.EXPIRED;
import static com.orderplatform.saga.SagaFixtures.ONE_LINE;
import static com.orderplatform.saga.SagaFixtures.ORDER;
import static com.orderplatform.saga.SagaFixtures.PLACED;
import static com.orderplatform.saga.SagaFixtures.REFUNDED;
import static com.orderplatform.saga.SagaFixtures.USER;
import static com.orderplatform.saga.SagaFixtures.cancellationRequested;
import static com.orderplatform.saga.SagaFixtures.cancelled;
import static com.orderplatform.saga.SagaFixtures.committed;
import static com.orderplatform.saga.SagaFixtures.rejected;
import static com.orderplatform.saga.SagaFixtures.released;
import static com.orderplatform.saga.SagaFixtures.reserved;

import com.orderplatform.api.inventory.CommitStockCommand;
import com.orderplatform.api.inventory.ReleaseGateReservationCommand;
import com.orderplatform.api.inventory.ReleaseStockCommand;
import com.orderplatform.api.inventory.ReservationRejectionReason;
import com.orderplatform.api.inventory.ReserveStockCommand;
import com.orderplatform.api.order.CancelOrderCommand;
import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.ConfirmOrderCommand;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.payment.ChargePaymentCommand;
import com.orderplatform.api.payment.ExpirePaymentCommand;
import com.orderplatform.api.payment.RefundPaymentCommand;
import java.time.Duration;
import java.util.List;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Axon wrapper around the decisions: one test per row of the step table, deadlines in simulated time. */
class OrderSagaTest {

    private static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(5);

    private SagaTestFixture<OrderSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderSaga.class);
        fixture.registerResource(new OrderSagaProperties(PAYMENT_TIMEOUT));
    }

    @Test
    void row1ReservesStockWhenAnOrderIsPlaced() throws Exception {
        fixture.givenNoPriorActivity().whenPublishingA(PLACED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReserveStockCommand(ORDER, USER, ONE_LINE));
    }

    @Test
    void row1CancelsAsOutOfStockWhenTheLedgerRejects() throws Exception {
        fixture.givenAPublished(PLACED).whenPublishingA(rejected(ReservationRejectionReason.OUT_OF_STOCK))
                .expectDispatchedCommands(new CancelOrderCommand(ORDER, CancelReason.OUT_OF_STOCK));
    }

    @Test
    void row1CancelsAsLimitExceededWhenTheLedgerRejects() throws Exception {
        fixture.givenAPublished(PLACED).whenPublishingA(rejected(ReservationRejectionReason.LIMIT_EXCEEDED))
                .expectDispatchedCommands(new CancelOrderCommand(ORDER, CancelReason.LIMIT_EXCEEDED));
    }

    @Test
    void row1EndsOnceTheRejectedOrderIsCancelled() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(rejected(ReservationRejectionReason.OUT_OF_STOCK))
                .whenPublishingA(cancelled(CancelReason.OUT_OF_STOCK))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseGateReservationCommand(ORDER, List.of("SKU-1")));
    }

    @Test
    void row2ChargesPaymentAndStartsThePaymentDeadlineOnceStockIsReserved() throws Exception {
        fixture.givenAPublished(PLACED).whenPublishingA(reserved("SKU-1"))
                .expectDispatchedCommands(new ChargePaymentCommand(ORDER, USER, 3000, "EUR", "tok_ok"))
                .expectScheduledDeadlineWithName(PAYMENT_TIMEOUT, OrderSaga.PAYMENT_DEADLINE);
    }

    @Test
    void row2ReleasesStockWhenPaymentIsDeclined() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1")).whenPublishingA(DECLINED)
                .expectDispatchedCommands(new ReleaseStockCommand(ORDER, ONE_LINE));
    }

    @Test
    void row2APaymentDeadlineThatFiresAfterTheDeclineChangesNothing() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1")).andThenAPublished(DECLINED)
                .whenTimeElapses(PAYMENT_TIMEOUT.plusSeconds(1))
                .expectNoDispatchedCommands();
    }

    @Test
    void row2GivesTheGateBackItsUnitsOnceTheDeclinedOrderIsCancelled() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1")).andThenAPublished(DECLINED)
                .andThenAPublished(released("SKU-1"))
                .whenPublishingA(cancelled(CancelReason.PAYMENT_DECLINED))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseGateReservationCommand(ORDER, List.of("SKU-1")));
    }

    @Test
    void row2CancelsAsDeclinedOnceStockIsReleased() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1")).andThenAPublished(DECLINED)
                .whenPublishingA(released("SKU-1"))
                .expectDispatchedCommands(new CancelOrderCommand(ORDER, CancelReason.PAYMENT_DECLINED));
    }

    @Test
    void row2ExpiresThePaymentWhenTheDeadlinePasses() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1"))
                .whenTimeElapses(PAYMENT_TIMEOUT.plusMillis(1))
                .expectTriggeredDeadlinesWithName(OrderSaga.PAYMENT_DEADLINE)
                .expectDispatchedCommands(new ExpirePaymentCommand(ORDER));
    }

    @Test
    void row2DoesNotExpireBeforeTheDeadline() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1"))
                .whenTimeElapses(PAYMENT_TIMEOUT.minusMillis(1))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofMillis(1), OrderSaga.PAYMENT_DEADLINE);
    }

    @Test
    void row2ReleasesStockOnceThePaymentHasExpired() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1"))
                .andThenTimeElapses(PAYMENT_TIMEOUT.plusMillis(1))
                .whenPublishingA(EXPIRED)
                .expectDispatchedCommands(new ReleaseStockCommand(ORDER, ONE_LINE));
    }

    @Test
    void row2CancelsAsTimedOutOnceStockIsReleased() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1"))
                .andThenTimeElapses(PAYMENT_TIMEOUT.plusMillis(1))
                .andThenAPublished(EXPIRED)
                .whenPublishingA(released("SKU-1"))
                .expectDispatchedCommands(new CancelOrderCommand(ORDER, CancelReason.PAYMENT_TIMEOUT));
    }

    @Test
    void row2AChargeThatBeatTheExpiryStillCompletesTheOrder() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1"))
                .andThenTimeElapses(PAYMENT_TIMEOUT.plusMillis(1))
                .whenPublishingA(CHARGED)
                .expectDispatchedCommands(new CommitStockCommand(ORDER, ONE_LINE));
    }

    @Test
    void row3CommitsStockWhenPaymentIsCharged() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1")).whenPublishingA(CHARGED)
                .expectDispatchedCommands(new CommitStockCommand(ORDER, ONE_LINE));
    }

    @Test
    void row3APaymentDeadlineThatFiresAfterTheChargeChangesNothing() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1")).andThenAPublished(CHARGED)
                .whenTimeElapses(PAYMENT_TIMEOUT.plusSeconds(1))
                .expectNoDispatchedCommands();
    }

    @Test
    void row3ConfirmsTheOrderOnceStockIsSold() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1")).andThenAPublished(CHARGED)
                .whenPublishingA(committed("SKU-1"))
                .expectDispatchedCommands(new ConfirmOrderCommand(ORDER));
    }

    @Test
    void row3EndsWhenTheOrderIsPaid() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1")).andThenAPublished(CHARGED)
                .andThenAPublished(committed("SKU-1"))
                .whenPublishingA(CONFIRMED)
                .expectActiveSagas(0);
    }

    @Test
    void cancellingAPaidOrderStartsARefund() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1")).andThenAPublished(CHARGED)
                .andThenAPublished(committed("SKU-1")).andThenAPublished(CONFIRMED)
                .whenPublishingA(cancellationRequested(OrderStatus.PAID))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RefundPaymentCommand(ORDER));
    }

    @Test
    void cancellingAPaidOrderReleasesStockOnceRefunded() throws Exception {
        fixture.givenAPublished(cancellationRequested(OrderStatus.PAID))
                .whenPublishingA(REFUNDED)
                .expectDispatchedCommands(new ReleaseStockCommand(ORDER, ONE_LINE));
    }

    @Test
    void cancellingAPaidOrderEndsWithACustomerRequestCancellation() throws Exception {
        fixture.givenAPublished(cancellationRequested(OrderStatus.PAID)).andThenAPublished(REFUNDED)
                .whenPublishingA(released("SKU-1"))
                .expectDispatchedCommands(new CancelOrderCommand(ORDER, CancelReason.CUSTOMER_REQUEST));
    }

    @Test
    void cancellingAPendingOrderWaitsForTheChargeInFlightThenRefundsIt() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1"))
                .andThenAPublished(cancellationRequested(OrderStatus.PENDING))
                .whenPublishingA(CHARGED)
                .expectDispatchedCommands(new RefundPaymentCommand(ORDER));
    }

    @Test
    void cancellingAPendingOrderWhoseChargeIsDeclinedReleasesStockAsCustomerRequest() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(reserved("SKU-1"))
                .andThenAPublished(cancellationRequested(OrderStatus.PENDING))
                .andThenAPublished(DECLINED)
                .whenPublishingA(released("SKU-1"))
                .expectDispatchedCommands(new CancelOrderCommand(ORDER, CancelReason.CUSTOMER_REQUEST));
    }

    @Test
    void cancellingWhileStockIsBeingReservedReleasesItInsteadOfCharging() throws Exception {
        fixture.givenAPublished(PLACED).andThenAPublished(cancellationRequested(OrderStatus.PENDING))
                .whenPublishingA(reserved("SKU-1"))
                .expectDispatchedCommands(new ReleaseStockCommand(ORDER, ONE_LINE));
    }

    @Test
    void endsWhenTheCompensatedOrderIsCancelled() throws Exception {
        fixture.givenAPublished(cancellationRequested(OrderStatus.PAID)).andThenAPublished(REFUNDED)
                .andThenAPublished(released("SKU-1"))
                .whenPublishingA(cancelled(CancelReason.CUSTOMER_REQUEST))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseGateReservationCommand(ORDER, List.of("SKU-1")));
    }
}
