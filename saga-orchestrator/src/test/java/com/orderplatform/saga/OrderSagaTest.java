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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderplatform.api.inventory.ReleaseGateReservationCommand;
import com.orderplatform.api.inventory.ReleaseStockCommand;
import com.orderplatform.api.inventory.ReservationRejectionReason;
import com.orderplatform.api.inventory.ReserveStockCommand;
import com.orderplatform.api.order.CancelOrderCommand;
import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.ConfirmOrderCommand;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.payment.ChargePaymentCommand;
import com.orderplatform.api.payment.ExpirePaymentCommand;
import com.orderplatform.api.payment.RefundPaymentCommand;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

/**
 * The saga as its processor runs it — events in batches, its state in the order_saga table — one test per row of
 * the step table, then what the table and its charge deadline promise.
 */
class OrderSagaTest {

    private final SagaHarness saga = new SagaHarness();

    private String step() {
        return (String) saga.row(ORDER).get("step");
    }

    private String pendingCommand() {
        return (String) saga.row(ORDER).get("pending_command");
    }

    private List<Object> commandsOf(Object... events) {
        saga.clearCommands();
        saga.events(events);
        return saga.commands();
    }

    @Test
    void row1ReservesStockWhenAnOrderIsPlaced() {
        assertThat(commandsOf(PLACED)).containsExactly(new ReserveStockCommand(ORDER, USER, ONE_LINE));
        assertThat(step()).isEqualTo("RESERVING_STOCK");
        assertThat(pendingCommand()).isEqualTo("ReserveStockCommand");
    }

    @Test
    void row1CancelsAsOutOfStockWhenTheLedgerRejects() {
        saga.events(PLACED);

        assertThat(commandsOf(rejected(ReservationRejectionReason.OUT_OF_STOCK)))
                .containsExactly(new CancelOrderCommand(ORDER, CancelReason.OUT_OF_STOCK));
    }

    @Test
    void row1CancelsAsLimitExceededWhenTheLedgerRejects() {
        saga.events(PLACED);

        assertThat(commandsOf(rejected(ReservationRejectionReason.LIMIT_EXCEEDED)))
                .containsExactly(new CancelOrderCommand(ORDER, CancelReason.LIMIT_EXCEEDED));
    }

    @Test
    void row1EndsOnceTheRejectedOrderIsCancelled() {
        saga.events(PLACED, rejected(ReservationRejectionReason.OUT_OF_STOCK));

        assertThat(commandsOf(cancelled(CancelReason.OUT_OF_STOCK)))
                .containsExactly(new ReleaseGateReservationCommand(ORDER, List.of("SKU-1")));
        assertThat(step()).isEqualTo("DONE");
    }

    @Test
    void row2ChargesPaymentOnceStockIsReserved() {
        saga.events(PLACED);

        assertThat(commandsOf(reserved("SKU-1")))
                .containsExactly(new ChargePaymentCommand(ORDER, USER, 3000, "EUR", "tok_ok"));
        assertThat(step()).isEqualTo("CHARGING_PAYMENT");
        assertThat(pendingCommand()).isEqualTo("ChargePaymentCommand");
    }

    @Test
    void row2ReleasesStockWhenPaymentIsDeclined() {
        saga.events(PLACED, reserved("SKU-1"));

        assertThat(commandsOf(DECLINED)).containsExactly(new ReleaseStockCommand(ORDER, ONE_LINE));
    }

    @Test
    void row2CancelsAsDeclinedOnceStockIsReleased() {
        saga.events(PLACED, reserved("SKU-1"), DECLINED);

        assertThat(commandsOf(released("SKU-1")))
                .containsExactly(new CancelOrderCommand(ORDER, CancelReason.PAYMENT_DECLINED));
    }

    @Test
    void row2GivesTheGateBackItsUnitsOnceTheDeclinedOrderIsCancelled() {
        saga.events(PLACED, reserved("SKU-1"), DECLINED, released("SKU-1"));

        assertThat(commandsOf(cancelled(CancelReason.PAYMENT_DECLINED)))
                .containsExactly(new ReleaseGateReservationCommand(ORDER, List.of("SKU-1")));
        assertThat(step()).isEqualTo("DONE");
    }

    @Test
    void row2ReleasesStockOnceThePaymentHasExpired() {
        saga.events(PLACED, reserved("SKU-1"));

        assertThat(commandsOf(EXPIRED)).containsExactly(new ReleaseStockCommand(ORDER, ONE_LINE));
    }

    @Test
    void row2CancelsAsTimedOutOnceStockIsReleased() {
        saga.events(PLACED, reserved("SKU-1"), EXPIRED);

        assertThat(commandsOf(released("SKU-1")))
                .containsExactly(new CancelOrderCommand(ORDER, CancelReason.PAYMENT_TIMEOUT));
    }

    @Test
    void row3ConfirmsTheOrderWithItsLinesWhenPaymentIsCharged() {
        saga.events(PLACED, reserved("SKU-1"));

        assertThat(commandsOf(CHARGED)).containsExactly(new ConfirmOrderCommand(ORDER, ONE_LINE));
    }

    @Test
    void row3EndsWhenTheOrderIsPaid() {
        saga.events(PLACED, reserved("SKU-1"), CHARGED);

        assertThat(commandsOf(committed("SKU-1"), CONFIRMED)).isEmpty();
        assertThat(step()).isEqualTo("DONE");
        assertThat(pendingCommand()).isNull();
    }

    @Test
    void cancellingAPaidOrderStartsARefund() {
        saga.events(PLACED, reserved("SKU-1"), CHARGED, CONFIRMED);

        assertThat(commandsOf(cancellationRequested(OrderStatus.PAID))).containsExactly(new RefundPaymentCommand(ORDER));
        assertThat(step()).isEqualTo("REFUNDING_PAYMENT");
    }

    @Test
    void cancellingAPaidOrderReleasesStockOnceRefunded() {
        saga.events(PLACED, reserved("SKU-1"), CHARGED, CONFIRMED, cancellationRequested(OrderStatus.PAID));

        assertThat(commandsOf(REFUNDED)).containsExactly(new ReleaseStockCommand(ORDER, ONE_LINE));
    }

    @Test
    void cancellingAPaidOrderEndsWithACustomerRequestCancellationAndGivesTheGateItsUnits() {
        saga.events(PLACED, reserved("SKU-1"), CHARGED, CONFIRMED, cancellationRequested(OrderStatus.PAID), REFUNDED);

        assertThat(commandsOf(released("SKU-1")))
                .containsExactly(new CancelOrderCommand(ORDER, CancelReason.CUSTOMER_REQUEST));
        assertThat(commandsOf(cancelled(CancelReason.CUSTOMER_REQUEST)))
                .containsExactly(new ReleaseGateReservationCommand(ORDER, List.of("SKU-1")));
    }

    @Test
    void cancellingAPendingOrderWaitsForTheChargeInFlightThenRefundsIt() {
        saga.events(PLACED, reserved("SKU-1"), cancellationRequested(OrderStatus.PENDING));

        assertThat(commandsOf(CHARGED)).containsExactly(new RefundPaymentCommand(ORDER));
    }

    @Test
    void cancellingAPendingOrderWhoseChargeIsDeclinedReleasesStockAsCustomerRequest() {
        saga.events(PLACED, reserved("SKU-1"), cancellationRequested(OrderStatus.PENDING), DECLINED);

        assertThat(commandsOf(released("SKU-1")))
                .containsExactly(new CancelOrderCommand(ORDER, CancelReason.CUSTOMER_REQUEST));
    }

    @Test
    void cancellingWhileStockIsBeingReservedReleasesItInsteadOfCharging() {
        saga.events(PLACED, cancellationRequested(OrderStatus.PENDING));

        assertThat(commandsOf(reserved("SKU-1"))).containsExactly(new ReleaseStockCommand(ORDER, ONE_LINE));
    }

    @Test
    void anEventDeliveredTwiceIsActedOnOnce() {
        assertThat(commandsOf(PLACED, PLACED)).containsExactly(new ReserveStockCommand(ORDER, USER, ONE_LINE));
    }

    @Test
    void oneBatchWritesEachSagaOnceWithItsLastState() {
        saga.batch(PLACED, reserved("SKU-1"));

        assertThat(saga.commands()).containsExactly(new ReserveStockCommand(ORDER, USER, ONE_LINE),
                new ChargePaymentCommand(ORDER, USER, 3000, "EUR", "tok_ok"));
        assertThat(saga.row(ORDER)).containsEntry("step", "CHARGING_PAYMENT").containsEntry("version", 0L);
    }

    @Test
    void aSagaChangedElsewhereSinceItWasReadFailsTheBatchAndIsReadAgainOnTheRetry() {
        saga.events(PLACED);
        saga.jdbc.update("update order_saga set version = version + 1 where order_id = ?", ORDER);

        assertThatThrownBy(() -> saga.batch(reserved("SKU-1")))
                .hasRootCauseInstanceOf(org.axonframework.modelling.command.ConcurrencyException.class);
        assertThat(saga.row(ORDER)).containsEntry("step", "RESERVING_STOCK").containsEntry("version", 1L);

        saga.batch(reserved("SKU-1"));
        assertThat(saga.row(ORDER)).containsEntry("step", "CHARGING_PAYMENT").containsEntry("version", 2L);
    }

    @Test
    void theChargeDeadlineExpiresAPaymentThatGotNoAnswerInTime() {
        saga.events(PLACED, reserved("SKU-1"));
        saga.clearCommands();
        ChargeDeadlineSweep sweep = saga.sweep(Duration.ofMinutes(15));

        saga.clock.advance(Duration.ofMinutes(14));
        assertThat(sweep.sweep()).isZero();
        saga.clock.advance(Duration.ofMinutes(2));
        assertThat(sweep.sweep()).isOne();

        assertThat(saga.commands()).containsExactly(new ExpirePaymentCommand(ORDER));
    }

    @Test
    void theChargeDeadlineLeavesSagasThatHadTheirAnswer() {
        saga.events(PLACED, reserved("SKU-1"), CHARGED);
        saga.clearCommands();
        saga.clock.advance(Duration.ofHours(1));

        assertThat(saga.sweep(Duration.ofMinutes(15)).sweep()).isZero();
        assertThat(saga.commands()).isEmpty();
    }

    @Test
    void aStepCommandThatFailsForGoodLeavesTheSagaFailedWithItsErrorAndCountsIt() {
        saga.commandBus.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ChargePaymentCommand) {
                throw new IllegalStateException("payment provider account suspended");
            }
            return null;
        });

        saga.events(PLACED, reserved("SKU-1"));

        assertThat(step()).isEqualTo("FAILED");
        assertThat(saga.row(ORDER).get("failed_step")).isEqualTo("CHARGING_PAYMENT");
        assertThat(saga.row(ORDER).get("failure_type")).isEqualTo("IllegalStateException");
        assertThat((String) saga.row(ORDER).get("failure_message")).contains("account suspended");
        assertThat(saga.meters.get("orders.saga.failures").counter().count()).isEqualTo(1);
        assertThat(saga.meters.get("orders.saga.steps").tag("step", "FAILED").gauge().value()).isEqualTo(1);
    }

    @Test
    void theNextStepClearsAFailure() {
        saga.commandBus.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ChargePaymentCommand) {
                throw new IllegalStateException("payment provider account suspended");
            }
            return null;
        });
        saga.events(PLACED, reserved("SKU-1"));

        saga.events(CHARGED);

        assertThat(step()).isEqualTo("CONFIRMING_ORDER");
        assertThat(saga.row(ORDER).get("failed_step")).isNull();
    }

    @Test
    void aLockConflictRollsTheWholeBatchBackForTheProcessorToDoAgainAndFailsNothing() {
        OrderPlacedEvent earlier = new OrderPlacedEvent("1000", USER, ONE_LINE, 3000, "EUR", "tok_ok");
        AtomicInteger reservations = new AtomicInteger();
        saga.commandBus.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStockCommand && reservations.incrementAndGet() == 2) {
                throw new DeadlockException("An imminent deadlock was detected while attempting to acquire a lock");
            }
            return null;
        });

        assertThatThrownBy(() -> saga.batch(earlier, PLACED)).hasRootCauseInstanceOf(DeadlockException.class)
                .cause().isInstanceOf(OrderSaga.BatchLockConflictException.class);
        assertThat(saga.jdbc.queryForObject("select count(*) from order_saga", Integer.class)).isZero();

        saga.batch(earlier, PLACED);

        assertThat(step()).isEqualTo("RESERVING_STOCK");
        assertThat(saga.row("1000").get("step")).isEqualTo("RESERVING_STOCK");
        assertThat(saga.meters.get("orders.saga.failures").counter().count()).isZero();
    }

    @Test
    void aDatabaseDeadlockLoserRollsTheBatchBackToo() {
        saga.commandBus.setCallbackBehavior((command, metaData) -> {
            throw new CannotAcquireLockException("advisory lock",
                    new SQLException("ERROR: deadlock detected", "40P01"));
        });

        assertThatThrownBy(() -> saga.batch(PLACED)).cause()
                .isInstanceOf(OrderSaga.BatchLockConflictException.class);
        assertThat(saga.jdbc.queryForObject("select count(*) from order_saga", Integer.class)).isZero();
    }

    @Test
    void aSegmentClaimedBackFromAnotherInstanceIsReadAgainNotFromTheCopyKeptBefore() {
        saga.events(PLACED, reserved("SKU-1"));
        SagaHarness other = saga.otherInstance();
        other.events(CHARGED);
        assertThat(step()).isEqualTo("CONFIRMING_ORDER");

        saga.store.forgetCached();
        saga.events(CONFIRMED);

        assertThat(step()).isEqualTo("DONE");
    }

    @Test
    void batchesTakingSkusInCrossingOrderWaitForEachOtherInsteadOfDeadlocking() throws Exception {
        // The ledger's commands lock their SKUs until the batch ends, as the repository does; each batch's first
        // reservation waits a little for the other batch's, so that without the locks taken first they would cross.
        CountDownLatch bothReserving = new CountDownLatch(2);
        saga.commandBus.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStockCommand reserve) {
                UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
                reserve.lines().stream().map(OrderLine::sku).sorted().map(saga.skuLocks::obtainLock)
                        .forEach(lock -> batch.onCleanup(u -> lock.release()));
                bothReserving.countDown();
                bothReserving.await(1, TimeUnit.SECONDS);
            }
            return null;
        });
        ExecutorService segments = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = segments.submit(() -> saga.batch(placed("a1", "SKU-X"), placed("a2", "SKU-Y")));
            Future<?> second = segments.submit(() -> saga.batch(placed("b1", "SKU-Y"), placed("b2", "SKU-X")));

            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            segments.shutdownNow();
        }

        assertThat(saga.jdbc.queryForList("select step from order_saga", String.class))
                .containsExactly("RESERVING_STOCK", "RESERVING_STOCK", "RESERVING_STOCK", "RESERVING_STOCK");
    }

    @Test
    void aBatchHoldsTheSkusOfTheOrdersItServesFromTheSagasRowAsWell() throws Exception {
        saga.events(PLACED, reserved("SKU-1"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService others = Executors.newFixedThreadPool(2);
        try {
            others.submit(() -> {
                var lock = saga.skuLocks.obtainLock("SKU-1");
                held.countDown();
                done.await();
                lock.release();
                return null;
            });
            held.await();
            Future<?> charged = others.submit(() -> saga.batch(CHARGED));

            assertThatThrownBy(() -> charged.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            done.countDown();
            charged.get(10, TimeUnit.SECONDS);
        } finally {
            others.shutdownNow();
        }

        assertThat(step()).isEqualTo("CONFIRMING_ORDER");
    }

    private static OrderPlacedEvent placed(String orderId, String sku) {
        return new OrderPlacedEvent(orderId, USER, List.of(new OrderLine(sku, 1, 1500)), 1500, "EUR", "tok_ok");
    }
}
