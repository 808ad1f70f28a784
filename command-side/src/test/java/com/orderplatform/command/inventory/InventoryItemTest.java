package com.orderplatform.command.inventory;

import static com.orderplatform.command.inventory.InventoryFixtures.DEFINE;
import static com.orderplatform.command.inventory.InventoryFixtures.DEFINED;
import static com.orderplatform.command.inventory.InventoryFixtures.DEFINED_UNLIMITED;
import static com.orderplatform.command.inventory.InventoryFixtures.PRICE_CENTS;
import static com.orderplatform.command.inventory.InventoryFixtures.SKU;
import static com.orderplatform.command.inventory.InventoryFixtures.lines;
import static com.orderplatform.command.inventory.InventoryFixtures.reserve;
import static com.orderplatform.command.inventory.InventoryFixtures.reserved;
import static com.orderplatform.command.support.Violations.violation;

import com.orderplatform.api.inventory.DefineProductCommand;
import com.orderplatform.api.inventory.ProductDefinedEvent;
import com.orderplatform.api.inventory.ProductDetailsChangedEvent;
import com.orderplatform.api.inventory.ProductRestockedEvent;
import com.orderplatform.api.inventory.ReleaseStockCommand;
import com.orderplatform.api.inventory.ReservationRejectionReason;
import com.orderplatform.api.inventory.RestockProductCommand;
import com.orderplatform.api.inventory.StockCommittedEvent;
import com.orderplatform.api.inventory.StockLevels;
import com.orderplatform.api.inventory.StockReleasedEvent;
import com.orderplatform.api.inventory.StockReservationRejectedEvent;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.api.order.OrderLine;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryItemTest {

    private AggregateTestFixture<InventoryItem> fixture;

    /** Selling is not a command of its own (it is part of confirming an order): this one drives it for the tests. */
    record SellUnits(String orderId, List<OrderLine> lines) {
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(InventoryItem.class);
        StockLedger ledger = new StockLedger(fixture.getRepository());
        fixture.registerAnnotatedCommandHandler(ledger);
        fixture.registerCommandHandler(SellUnits.class, command -> {
            SellUnits sell = (SellUnits) command.getPayload();
            ledger.commit(sell.orderId(), sell.lines());
            return null;
        });
    }

    @Test
    void definesANewProduct() {
        fixture.givenNoPriorActivity().when(DEFINE)
                .expectEvents(DEFINED);
    }

    @Test
    void redefiningAProductChangesItsDetailsAndSetsAvailableStock() {
        fixture.given(DEFINED, reserved("o1", "u1", 2, new StockLevels(8, 2, 0)))
                .when(new DefineProductCommand(SKU, "Phone X", 20900, "EUR", 5, 3))
                .expectEvents(new ProductDetailsChangedEvent(SKU, "Phone X", 20900, "EUR", 3),
                        new ProductRestockedEvent(SKU, -3, new StockLevels(5, 2, 0)));
    }

    @Test
    void redefiningAProductWithTheSameValuesChangesNothing() {
        fixture.given(DEFINED).when(DEFINE).expectNoEvents();
    }

    @Test
    void restockAddsToAvailable() {
        fixture.given(DEFINED).when(new RestockProductCommand(SKU, 5))
                .expectEvents(new ProductRestockedEvent(SKU, 5, new StockLevels(15, 0, 0)));
    }

    @Test
    void refusesARestockOfNothing() {
        fixture.given(DEFINED).when(new RestockProductCommand(SKU, 0)).expectException(violation("INVALID_QUANTITY"));
    }

    @Test
    void reservesAvailableStock() {
        fixture.given(DEFINED).when(reserve("o1", "u1", 2))
                .expectEvents(reserved("o1", "u1", 2, new StockLevels(8, 2, 0)));
    }

    @Test
    void aRetriedReservationNeverDeductsTwice() {
        fixture.given(DEFINED, reserved("o1", "u1", 2, new StockLevels(8, 2, 0))).when(reserve("o1", "u1", 2))
                .expectNoEvents();
    }

    @Test
    void rejectsAReservationBeyondAvailableStock() {
        fixture.given(DEFINED_UNLIMITED).when(reserve("o1", "u1", 11))
                .expectEvents(new StockReservationRejectedEvent(SKU, "o1", "u1", 11, ReservationRejectionReason.OUT_OF_STOCK));
    }

    @Test
    void reservesTheLastUnits() {
        fixture.given(DEFINED_UNLIMITED).when(reserve("o1", "u1", 10))
                .expectEvents(reserved("o1", "u1", 10, new StockLevels(0, 10, 0)));
    }

    @Test
    void rejectsAReservationThatWouldPassTheUserLimit() {
        fixture.given(DEFINED, reserved("o1", "u1", 1, new StockLevels(9, 1, 0))).when(reserve("o2", "u1", 2))
                .expectEvents(new StockReservationRejectedEvent(SKU, "o2", "u1", 2, ReservationRejectionReason.LIMIT_EXCEEDED));
    }

    @Test
    void allowsAUserExactlyUpToTheLimit() {
        fixture.given(DEFINED, reserved("o1", "u1", 1, new StockLevels(9, 1, 0))).when(reserve("o2", "u1", 1))
                .expectEvents(reserved("o2", "u1", 1, new StockLevels(8, 2, 0)));
    }

    @Test
    void releasedUnitsNoLongerCountTowardsTheUserLimit() {
        fixture.given(DEFINED, reserved("o1", "u1", 2, new StockLevels(8, 2, 0)),
                        new StockReleasedEvent(SKU, "o1", "u1", 2, false, new StockLevels(10, 0, 0)))
                .when(reserve("o2", "u1", 2))
                .expectEvents(reserved("o2", "u1", 2, new StockLevels(8, 2, 0)));
    }

    @Test
    void commitTurnsReservedIntoSold() {
        fixture.given(DEFINED, reserved("o1", "u1", 2, new StockLevels(8, 2, 0)))
                .when(new SellUnits("o1", lines(2)))
                .expectEvents(new StockCommittedEvent(SKU, "o1", "u1", 2, new StockLevels(8, 0, 2)));
    }

    @Test
    void committingTwiceChangesNothing() {
        fixture.given(DEFINED, reserved("o1", "u1", 2, new StockLevels(8, 2, 0)),
                        new StockCommittedEvent(SKU, "o1", "u1", 2, new StockLevels(8, 0, 2)))
                .when(new SellUnits("o1", lines(2))).expectNoEvents();
    }

    @Test
    void releasingAReservationMakesItAvailableAgain() {
        fixture.given(DEFINED, reserved("o1", "u1", 2, new StockLevels(8, 2, 0)))
                .when(new ReleaseStockCommand("o1", lines(2)))
                .expectEvents(new StockReleasedEvent(SKU, "o1", "u1", 2, false, new StockLevels(10, 0, 0)));
    }

    @Test
    void releasingSoldUnitsReturnsThemToAvailable() {
        fixture.given(DEFINED, reserved("o1", "u1", 2, new StockLevels(8, 2, 0)),
                        new StockCommittedEvent(SKU, "o1", "u1", 2, new StockLevels(8, 0, 2)))
                .when(new ReleaseStockCommand("o1", lines(2)))
                .expectEvents(new StockReleasedEvent(SKU, "o1", "u1", 2, true, new StockLevels(10, 0, 0)));
    }

    @Test
    void releasingTwiceChangesNothing() {
        fixture.given(DEFINED, reserved("o1", "u1", 2, new StockLevels(8, 2, 0)),
                        new StockReleasedEvent(SKU, "o1", "u1", 2, false, new StockLevels(10, 0, 0)))
                .when(new ReleaseStockCommand("o1", lines(2))).expectNoEvents();
    }

    @Test
    void aReservationRetriedAfterItsReleaseIsNotTakenAgain() {
        fixture.given(DEFINED, reserved("o1", "u1", 2, new StockLevels(8, 2, 0)),
                        new StockReleasedEvent(SKU, "o1", "u1", 2, false, new StockLevels(10, 0, 0)))
                .when(reserve("o1", "u1", 2)).expectNoEvents();
    }

    @Test
    void refusesToApplyAnythingOnTopOfALedgerThatNoLongerAddsUp() {
        fixture.given(DEFINED, reserved("o1", "u1", 1, new StockLevels(9, 5, 0)))
                .when(reserve("o2", "u2", 1))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    /** Order o0 reserved and released first, then a thousand orders more. */
    private static List<Object> aThousandAndOneReleases() {
        List<Object> history = new java.util.ArrayList<>(List.of(new ProductDefinedEvent(SKU, "Phone", PRICE_CENTS, "EUR", 1, 0)));
        for (int i = 0; i <= InventoryItem.RELEASED_KEPT; i++) {
            history.add(new StockReservedEvent(SKU, "o" + i, "u", 1, new StockLevels(0, 1, 0)));
            history.add(new StockReleasedEvent(SKU, "o" + i, "u", 1, false, new StockLevels(1, 0, 0)));
        }
        return history;
    }

    @Test
    void aReleasedOrderIsRecognisedAmongTheLastThousandReleased() {
        fixture.given(aThousandAndOneReleases()).when(reserve("o1", "u", 1)).expectNoEvents();
    }

    @Test
    void releasedOrdersBeyondTheLastThousandAreForgotten() {
        fixture.given(aThousandAndOneReleases()).when(reserve("o0", "u", 1))
                .expectEvents(reserved("o0", "u", 1, new StockLevels(0, 1, 0)));
    }

    @Test
    void releasingAnOrderThatHoldsNothingChangesNothing() {
        fixture.given(DEFINED).when(new ReleaseStockCommand("o9", lines(1))).expectNoEvents();
    }
}
