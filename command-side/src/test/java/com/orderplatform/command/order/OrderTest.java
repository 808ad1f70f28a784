package com.orderplatform.command.order;

import static com.orderplatform.command.order.OrderFixtures.ADMIN;
import static com.orderplatform.command.order.OrderFixtures.COMPLETED;
import static com.orderplatform.command.order.OrderFixtures.CONFIRM;
import static com.orderplatform.command.order.OrderFixtures.CONFIRMED;
import static com.orderplatform.command.order.OrderFixtures.LINES;
import static com.orderplatform.command.order.OrderFixtures.ORDER_ID;
import static com.orderplatform.command.order.OrderFixtures.OWNER_ACTOR;
import static com.orderplatform.command.order.OrderFixtures.PLACE;
import static com.orderplatform.command.order.OrderFixtures.PLACED;
import static com.orderplatform.command.order.OrderFixtures.SHIPPED;
import static com.orderplatform.command.order.OrderFixtures.STRANGER;
import static com.orderplatform.command.order.OrderFixtures.cancellationRequested;
import static com.orderplatform.command.order.OrderFixtures.cancelled;
import static com.orderplatform.command.support.Violations.violation;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.api.order.CancelOrderCommand;
import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.CompleteOrderCommand;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.order.RequestOrderCancellationCommand;
import com.orderplatform.api.order.ShipOrderCommand;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderTest {

    private AggregateTestFixture<Order> fixture;
    private final List<String> sold = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerAnnotatedCommandHandler(new OrderConfirmation(fixture.getRepository(),
                (orderId, lines) -> sold.add(orderId + " " + lines)));
    }

    @Test
    void placingAnOrderRecordsItAsPlaced() {
        fixture.givenNoPriorActivity().when(PLACE).expectSuccessfulHandlerExecution().expectEvents(PLACED);
    }

    @Nested
    class Confirm {

        @Test
        void confirmsAPendingOrderAndSellsItsUnits() {
            fixture.given(PLACED).when(CONFIRM).expectEvents(CONFIRMED);

            assertThat(sold).containsExactly(ORDER_ID + " " + LINES);
        }

        @Test
        void confirmingAPaidOrderAgainChangesNothing() {
            fixture.given(PLACED, CONFIRMED).when(CONFIRM).expectNoEvents();

            assertThat(sold).isEmpty();
        }

        @Test
        void neitherConfirmsNorSellsAnOrderWhoseCancellationIsUnderway() {
            fixture.given(PLACED, cancellationRequested(OWNER_ACTOR, OrderStatus.PENDING))
                    .when(CONFIRM).expectNoEvents();

            assertThat(sold).isEmpty();
        }

        @Test
        void refusesToConfirmACancelledOrder() {
            fixture.given(PLACED, cancelled(CancelReason.OUT_OF_STOCK)).when(CONFIRM)
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }

        @Test
        void refusesToConfirmACompletedOrder() {
            fixture.given(PLACED, CONFIRMED, SHIPPED, COMPLETED).when(CONFIRM)
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }

        @Test
        void refusesToConfirmAShippedOrder() {
            fixture.given(PLACED, CONFIRMED, SHIPPED).when(CONFIRM)
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }
    }

    @Nested
    class RequestCancellation {

        @Test
        void ownerRequestsCancellationOfAPendingOrder() {
            fixture.given(PLACED).when(new RequestOrderCancellationCommand(ORDER_ID, OWNER_ACTOR))
                    .expectEvents(cancellationRequested(OWNER_ACTOR, OrderStatus.PENDING));
        }

        @Test
        void ownerRequestsCancellationOfAPaidOrder() {
            fixture.given(PLACED, CONFIRMED).when(new RequestOrderCancellationCommand(ORDER_ID, OWNER_ACTOR))
                    .expectEvents(cancellationRequested(OWNER_ACTOR, OrderStatus.PAID));
        }

        @Test
        void adminMayCancelAnyOrder() {
            fixture.given(PLACED).when(new RequestOrderCancellationCommand(ORDER_ID, ADMIN))
                    .expectEvents(cancellationRequested(ADMIN, OrderStatus.PENDING));
        }

        @Test
        void anotherCustomerCannotEvenSeeTheOrder() {
            fixture.given(PLACED).when(new RequestOrderCancellationCommand(ORDER_ID, STRANGER))
                    .expectException(violation("ORDER_NOT_FOUND"));
        }

        @Test
        void repeatingARequestWhileItIsUnderwayChangesNothing() {
            fixture.given(PLACED, cancellationRequested(OWNER_ACTOR, OrderStatus.PENDING))
                    .when(new RequestOrderCancellationCommand(ORDER_ID, OWNER_ACTOR)).expectNoEvents();
        }

        @Test
        void refusesToCancelAShippedOrder() {
            fixture.given(PLACED, CONFIRMED, SHIPPED).when(new RequestOrderCancellationCommand(ORDER_ID, OWNER_ACTOR))
                    .expectException(violation("ORDER_NOT_CANCELLABLE"));
        }

        @Test
        void refusesToCancelACompletedOrder() {
            fixture.given(PLACED, CONFIRMED, SHIPPED, COMPLETED)
                    .when(new RequestOrderCancellationCommand(ORDER_ID, OWNER_ACTOR))
                    .expectException(violation("ORDER_NOT_CANCELLABLE"));
        }

        @Test
        void refusesToCancelAnOrderThatIsAlreadyCancelled() {
            fixture.given(PLACED, cancelled(CancelReason.PAYMENT_DECLINED))
                    .when(new RequestOrderCancellationCommand(ORDER_ID, OWNER_ACTOR))
                    .expectException(violation("ORDER_NOT_CANCELLABLE"));
        }
    }

    @Nested
    class Cancel {

        @Test
        void cancelsAPendingOrderWithItsReason() {
            fixture.given(PLACED).when(new CancelOrderCommand(ORDER_ID, CancelReason.OUT_OF_STOCK))
                    .expectEvents(cancelled(CancelReason.OUT_OF_STOCK));
        }

        @Test
        void cancelsAPaidOrder() {
            fixture.given(PLACED, CONFIRMED, cancellationRequested(OWNER_ACTOR, OrderStatus.PAID))
                    .when(new CancelOrderCommand(ORDER_ID, CancelReason.CUSTOMER_REQUEST))
                    .expectEvents(cancelled(CancelReason.CUSTOMER_REQUEST));
        }

        @Test
        void cancellingACancelledOrderAgainChangesNothing() {
            fixture.given(PLACED, cancelled(CancelReason.PAYMENT_TIMEOUT))
                    .when(new CancelOrderCommand(ORDER_ID, CancelReason.PAYMENT_TIMEOUT)).expectNoEvents();
        }

        @Test
        void refusesToCancelACompletedOrder() {
            fixture.given(PLACED, CONFIRMED, SHIPPED, COMPLETED)
                    .when(new CancelOrderCommand(ORDER_ID, CancelReason.OPERATOR_ABORT))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }

        @Test
        void refusesToCancelAShippedOrder() {
            fixture.given(PLACED, CONFIRMED, SHIPPED).when(new CancelOrderCommand(ORDER_ID, CancelReason.OPERATOR_ABORT))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }
    }

    @Nested
    class Ship {

        @Test
        void shipsAPaidOrder() {
            fixture.given(PLACED, CONFIRMED).when(new ShipOrderCommand(ORDER_ID, ADMIN)).expectEvents(SHIPPED);
        }

        @Test
        void aCustomerCannotShipTheirOwnOrder() {
            fixture.given(PLACED, CONFIRMED).when(new ShipOrderCommand(ORDER_ID, OWNER_ACTOR))
                    .expectException(violation("FORBIDDEN")).expectNoEvents();
        }

        @Test
        void refusesToShipAPendingOrder() {
            fixture.given(PLACED).when(new ShipOrderCommand(ORDER_ID, ADMIN))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }

        @Test
        void refusesToShipAPaidOrderBeingCancelled() {
            fixture.given(PLACED, CONFIRMED, cancellationRequested(OWNER_ACTOR, OrderStatus.PAID))
                    .when(new ShipOrderCommand(ORDER_ID, ADMIN))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }

        @Test
        void refusesToShipTwice() {
            fixture.given(PLACED, CONFIRMED, SHIPPED).when(new ShipOrderCommand(ORDER_ID, ADMIN))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }

        @Test
        void refusesToShipACompletedOrder() {
            fixture.given(PLACED, CONFIRMED, SHIPPED, COMPLETED).when(new ShipOrderCommand(ORDER_ID, ADMIN))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }

        @Test
        void refusesToShipACancelledOrder() {
            fixture.given(PLACED, cancelled(CancelReason.PAYMENT_DECLINED)).when(new ShipOrderCommand(ORDER_ID, ADMIN))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }
    }

    @Nested
    class Complete {

        @Test
        void ownerCompletesAShippedOrder() {
            fixture.given(PLACED, CONFIRMED, SHIPPED).when(new CompleteOrderCommand(ORDER_ID, OWNER_ACTOR))
                    .expectEvents(COMPLETED);
        }

        @Test
        void anotherCustomerCannotCompleteIt() {
            fixture.given(PLACED, CONFIRMED, SHIPPED).when(new CompleteOrderCommand(ORDER_ID, STRANGER))
                    .expectException(violation("ORDER_NOT_FOUND"));
        }

        @Test
        void refusesToCompleteAPaidOrder() {
            fixture.given(PLACED, CONFIRMED).when(new CompleteOrderCommand(ORDER_ID, OWNER_ACTOR))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }

        @Test
        void refusesToCompleteAPendingOrder() {
            fixture.given(PLACED).when(new CompleteOrderCommand(ORDER_ID, OWNER_ACTOR))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }

        @Test
        void refusesToCompleteTwice() {
            fixture.given(PLACED, CONFIRMED, SHIPPED, COMPLETED).when(new CompleteOrderCommand(ORDER_ID, OWNER_ACTOR))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }

        @Test
        void refusesToCompleteACancelledOrder() {
            fixture.given(PLACED, cancelled(CancelReason.CUSTOMER_REQUEST))
                    .when(new CompleteOrderCommand(ORDER_ID, OWNER_ACTOR))
                    .expectException(violation("ILLEGAL_ORDER_TRANSITION"));
        }
    }
}
