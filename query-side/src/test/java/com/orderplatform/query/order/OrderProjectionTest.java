package com.orderplatform.query.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.FindOrderQuery;
import com.orderplatform.api.order.FindOrdersQuery;
import com.orderplatform.api.order.OrderCancelledEvent;
import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.order.OrderView;
import com.orderplatform.infra.axon.ViewUpdates;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The projection's handlers called directly, against a real (H2) database. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=create-drop")
class OrderProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final OrderPlacedEvent PLACED = new OrderPlacedEvent("7", "alice",
            List.of(new OrderLine("SKU-1", 2, 500)), 1000, "EUR", "tok_ok");

    @Autowired
    OrderViewRepository repository;
    @Autowired
    TestEntityManager entities;
    @Autowired
    PlatformTransactionManager transactions;
    OrderProjection projection;

    @BeforeEach
    void setUp() {
        projection = new OrderProjection(repository, SimpleQueryUpdateEmitter.builder().build(),
                new ViewUpdates(transactions, Clock.systemUTC()));
    }

    private OrderView view(String orderId) {
        return projection.handle(new FindOrderQuery(orderId)).orElseThrow();
    }

    @Test
    void aPlacedOrderIsPending() {
        projection.on(PLACED, 0, T0, ReplayStatus.REGULAR);

        OrderView view = view("7");
        assertThat(view.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(view.items()).containsExactly(new OrderLine("SKU-1", 2, 500));
        assertThat(view.createdAt()).isEqualTo(T0);
    }

    @Test
    void followsTheOrderToPaid() {
        projection.on(PLACED, 0, T0, ReplayStatus.REGULAR);
        projection.on(new OrderConfirmedEvent("7", "alice", 1000, "EUR"), 1, T0.plusSeconds(1), ReplayStatus.REGULAR);

        assertThat(view("7").status()).isEqualTo(OrderStatus.PAID);
        assertThat(view("7").updatedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        projection.on(PLACED, 0, T0, ReplayStatus.REGULAR);
        projection.on(new OrderConfirmedEvent("7", "alice", 1000, "EUR"), 1, T0.plusSeconds(1), ReplayStatus.REGULAR);
        OrderView before = view("7");

        projection.on(PLACED, 0, T0.plusSeconds(5), ReplayStatus.REGULAR);
        projection.on(new OrderConfirmedEvent("7", "alice", 1000, "EUR"), 1, T0.plusSeconds(5), ReplayStatus.REGULAR);

        assertThat(view("7")).isEqualTo(before);
    }

    @Test
    void anOlderEventArrivingLateDoesNotOverwriteANewerState() {
        projection.on(PLACED, 0, T0, ReplayStatus.REGULAR);
        projection.on(new OrderCancelledEvent("7", "alice", CancelReason.PAYMENT_DECLINED), 2, T0.plusSeconds(2), ReplayStatus.REGULAR);
        projection.on(new OrderConfirmedEvent("7", "alice", 1000, "EUR"), 1, T0.plusSeconds(1), ReplayStatus.REGULAR);

        assertThat(view("7").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(view("7").cancelReason()).isEqualTo(CancelReason.PAYMENT_DECLINED);
    }

    @Test
    void pagesAUsersOrdersNewestFirstAndFiltersByStatus() {
        for (int i = 0; i < 5; i++) {
            projection.on(new OrderPlacedEvent("10" + i, "bob", PLACED.lines(), 1000, "EUR", "tok_ok"), 0, T0.plusSeconds(i), ReplayStatus.REGULAR);
        }
        projection.on(new OrderConfirmedEvent("104", "bob", 1000, "EUR"), 1, T0.plusSeconds(9), ReplayStatus.REGULAR);
        projection.on(PLACED, 0, T0, ReplayStatus.REGULAR);

        var firstPage = projection.handle(new FindOrdersQuery("bob", null, 0, 2));
        var paid = projection.handle(new FindOrdersQuery("bob", OrderStatus.PAID, 0, 10));

        assertThat(firstPage.totalItems()).isEqualTo(5);
        assertThat(firstPage.totalPages()).isEqualTo(3);
        assertThat(firstPage.items()).extracting(OrderView::orderId).containsExactly("104", "103");
        assertThat(paid.items()).extracting(OrderView::orderId).containsExactly("104");
    }

    @Test
    void aReplayKeepsEveryViewAnsweringWithWhatItWasUntilItsEventsComeAgain() {
        projection.on(PLACED, 0, T0, ReplayStatus.REGULAR);
        projection.on(new OrderConfirmedEvent("7", "alice", 1000, "EUR"), 1, T0.plusSeconds(1), ReplayStatus.REGULAR);
        OrderView paid = view("7");

        projection.reset();
        entities.clear();

        assertThat(view("7")).isEqualTo(paid);
    }

    @Test
    void aReplayBuildsAViewGoneWrongAgainFromItsEvents() {
        projection.on(PLACED, 0, T0, ReplayStatus.REGULAR);
        projection.on(new OrderConfirmedEvent("7", "alice", 1000, "EUR"), 1, T0.plusSeconds(1), ReplayStatus.REGULAR);
        OrderView paid = view("7");
        entities.getEntityManager().createNativeQuery(
                "update order_view set status = 'CANCELLED', total_cents = 1 where order_id = '7'").executeUpdate();

        projection.reset();
        entities.clear();
        projection.on(PLACED, 0, T0, ReplayStatus.REPLAY);
        projection.on(new OrderConfirmedEvent("7", "alice", 1000, "EUR"), 1, T0.plusSeconds(1), ReplayStatus.REPLAY);
        projection.on(PLACED, 0, T0, ReplayStatus.REPLAY);

        assertThat(view("7")).isEqualTo(paid);
    }

    @Test
    void aLaterEventWithNoViewToApplyToFailsInsteadOfBeingSkipped() {
        assertThatThrownBy(() -> projection.on(new OrderConfirmedEvent("8", "alice", 1000, "EUR"), 1, T0,
                ReplayStatus.REGULAR))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no view of order 8");
    }
}
