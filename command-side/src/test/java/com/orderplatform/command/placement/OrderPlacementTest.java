package com.orderplatform.command.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.PlaceOrderCommand;
import com.orderplatform.infra.axon.CommitTimeoutException;
import com.orderplatform.infra.ids.OrderRoutes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The placement use case alone, its ports answered by in-memory fakes ({@link PlacementFakes}). */
class OrderPlacementTest {

    private static final String USER = "u1";
    private static final String KEY = "key-1";

    private final PlacementFakes.Prices catalogue = new PlacementFakes.Prices()
            .with("SKU-1", 1_000, "EUR")
            .with("SKU-2", 250, "EUR")
            .with("SKU-USD", 300, "USD");
    private final PlacementFakes.Stock stock = new PlacementFakes.Stock()
            .with("SKU-1", 5, 2)
            .with("SKU-2", 1, 10)
            .with("SKU-USD", 5, 10);
    private final PlacementFakes.Orders orders = new PlacementFakes.Orders();
    private final PlacementFakes.Claims claims = new PlacementFakes.Claims();
    private final PlacementFakes.Records records = new PlacementFakes.Records();
    private final PlacementFakes.Ids ids = new PlacementFakes.Ids();
    private final OrderPlacement placement = new OrderPlacement(catalogue, stock, orders, ids, claims,
            records);

    private static PlaceOrderRequest request(PlaceOrderRequest.Item... items) {
        return new PlaceOrderRequest(List.of(items), "card");
    }

    private static PlaceOrderRequest.Item item(String sku, int quantity) {
        return new PlaceOrderRequest.Item(sku, quantity);
    }

    private RuleViolation refused(String key, PlaceOrderRequest request) {
        return catchThrowableOfType(() -> placement.place(USER, key, request), RuleViolation.class);
    }

    /** Nothing of a refused request remains: no order, no units, no key; a retry with the key gets a fresh answer. */
    private void assertNothingKept() {
        assertThat(orders.stored).isEmpty();
        assertThat(records.size()).isZero();
        assertThat(claims.isTaken(USER, KEY)).isFalse();
        assertThat(stock.available("SKU-1")).isEqualTo(5);
        assertThat(stock.available("SKU-2")).isEqualTo(1);
    }

    @Test
    void anAdmittedOrderIsStoredPricedByTheCatalogueWithItsKeysAnswer() {
        OrderPlacement.Placed placed = placement.place(USER, KEY, request(item("SKU-1", 2), item("SKU-2", 1)));

        assertThat(placed).isEqualTo(new OrderPlacement.Placed.Accepted("101"));
        assertThat(orders.stored).containsExactly(new PlaceOrderCommand("101", USER,
                List.of(new OrderLine("SKU-1", 2, 1_000), new OrderLine("SKU-2", 1, 250)), 2_250, "EUR", "card"));
        assertThat(stock.available("SKU-1")).isEqualTo(3);
        assertThat(stock.available("SKU-2")).isZero();
        assertThat(claims.isTaken(USER, KEY)).isTrue();
    }

    /** The order's id carries the route of its first SKU, so that the saga serves a SKU's orders in one segment. */
    @Test
    void theOrderIdIsAskedForOnTheRouteOfTheOrdersFirstSku() {
        placement.place(USER, KEY, request(item("SKU-2", 1), item("SKU-1", 1)));

        assertThat(ids.routes).containsExactly(OrderRoutes.ofSku("SKU-1"));
    }

    @Test
    void theSameRequestWithTheSameKeyIsAnsweredAsTheFirstTime() {
        placement.place(USER, KEY, request(item("SKU-1", 1)));

        OrderPlacement.Placed again = placement.place(USER, KEY, request(item("SKU-1", 1)));

        assertThat(again).isEqualTo(new OrderPlacement.Placed.Replayed(OrderPlacement.accepted("101")));
        assertThat(orders.stored).hasSize(1);
        assertThat(stock.available("SKU-1")).isEqualTo(4);
    }

    @Test
    void anotherRequestWithAnAnsweredKeyIsRefused() {
        placement.place(USER, KEY, request(item("SKU-1", 1)));

        RuleViolation violation = refused(KEY, request(item("SKU-1", 2)));

        assertThat(violation.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(orders.stored).hasSize(1);
    }

    @Test
    void aKeyStillInFlightIsToldSo() {
        claims.take(USER, KEY, request(item("SKU-1", 1)).fingerprint());

        RuleViolation violation = refused(KEY, request(item("SKU-1", 1)));

        assertThat(violation.code()).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
        assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
        assertThat(stock.admissionsAsked).isZero();
    }

    @Test
    void aMalformedKeyIsRefusedBeforeAnythingElse() {
        RuleViolation violation = refused(" ", request(item("SKU-1", 1)));

        assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.INVALID);
        assertThat(stock.admissionsAsked).isZero();
        assertThat(orders.stored).isEmpty();
    }

    @Test
    void aSkuTwiceInOneOrderIsRefused() {
        RuleViolation violation = refused(KEY, request(item("SKU-1", 1), item("SKU-1", 1)));

        assertThat(violation.code()).isEqualTo("DUPLICATE_SKU");
        assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.INVALID);
        assertThat(stock.admissionsAsked).isZero();
        assertNothingKept();
    }

    @Test
    void aSkuTheCatalogueDoesNotKnowIsRefused() {
        RuleViolation violation = refused(KEY, request(item("SKU-1", 1), item("SKU-NONE", 1)));

        assertThat(violation.code()).isEqualTo("UNKNOWN_SKU");
        assertThat(violation.getMessage()).contains("SKU-NONE");
        assertThat(stock.admissionsAsked).isZero();
        assertNothingKept();
    }

    @Test
    void linesInDifferentCurrenciesAreRefused() {
        RuleViolation violation = refused(KEY, request(item("SKU-1", 1), item("SKU-USD", 1)));

        assertThat(violation.code()).isEqualTo("MIXED_CURRENCIES");
        assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.UNPROCESSABLE);
        assertThat(stock.admissionsAsked).isZero();
        assertNothingKept();
    }

    @Test
    void anOrderForMoreUnitsThanAreLeftIsRefusedAsSoldOutNamingTheSku() {
        RuleViolation violation = refused(KEY, request(item("SKU-1", 1), item("SKU-2", 2)));

        assertThat(violation.code()).isEqualTo("SOLD_OUT");
        assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
        assertThat(violation.getMessage()).contains("SKU-2");
        assertNothingKept();
    }

    @Test
    void aSkuKnownSoldOutIsRefusedBeforeTheKeyIsClaimedOrStockAsked() {
        stock.flaggedSoldOut("SKU-2");

        RuleViolation violation = refused(KEY, request(item("SKU-1", 1), item("SKU-2", 1)));

        assertThat(violation.code()).isEqualTo("SOLD_OUT");
        assertThat(stock.admissionsAsked).isZero();
        assertNothingKept();
    }

    @Test
    void aKeyThatHoldsAnOrderIsAnsweredWithItAfterTheSkuSoldOutAndRefusedForAnotherBody() {
        OrderPlacement.Placed first = placement.place(USER, KEY, request(item("SKU-2", 1)));
        stock.flaggedSoldOut("SKU-2");

        OrderPlacement.Placed again = placement.place(USER, KEY, request(item("SKU-2", 1)));
        RuleViolation otherBody = refused(KEY, request(item("SKU-2", 2)));

        String orderId = ((OrderPlacement.Placed.Accepted) first).orderId();
        assertThat(again).isInstanceOfSatisfying(OrderPlacement.Placed.Replayed.class,
                replayed -> assertThat(replayed.answer().body()).contains(orderId));
        assertThat(otherBody.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(refused("fresh", request(item("SKU-2", 1))).code()).isEqualTo("SOLD_OUT");
        assertThat(orders.stored).hasSize(1);
    }

    @Test
    void anOrderPastThePerCustomerLimitIsRefusedNamingTheSku() {
        placement.place(USER, "earlier", request(item("SKU-1", 2)));

        RuleViolation violation = refused(KEY, request(item("SKU-1", 1)));

        assertThat(violation.code()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
        assertThat(violation.getMessage()).contains("SKU-1");
        assertThat(orders.stored).hasSize(1);
        assertThat(claims.isTaken(USER, KEY)).isFalse();
    }

    @Test
    void aRefusedRequestRetriedWithTheSameKeyGetsAFreshAnswer() {
        refused(KEY, request(item("SKU-2", 2)));

        OrderPlacement.Placed retried = placement.place(USER, KEY, request(item("SKU-2", 1)));

        assertThat(retried).isInstanceOf(OrderPlacement.Placed.Accepted.class);
    }

    @Test
    void whenStoringFailsTheAdmittedUnitsAndTheKeyAreGivenBack() {
        IllegalStateException failure = new IllegalStateException("database down");
        orders.failWith(failure);

        Throwable thrown = catchThrowableOfType(
                () -> placement.place(USER, KEY, request(item("SKU-1", 2), item("SKU-2", 1))), RuntimeException.class);

        assertThat(thrown).isSameAs(failure);
        assertThat(stock.holdsUnitsOf("101")).isFalse();
        assertNothingKept();
    }

    @Test
    void whenTheCommitsOutcomeIsUnknownTheUnitsAndTheKeyStayTaken() {
        orders.failWith(new CommitTimeoutException("no answer in time"));

        catchThrowableOfType(() -> placement.place(USER, KEY, request(item("SKU-1", 2))),
                CommitTimeoutException.class);

        assertThat(stock.holdsUnitsOf("101")).isTrue();
        assertThat(stock.available("SKU-1")).isEqualTo(3);
        assertThat(claims.isTaken(USER, KEY)).isTrue();
    }

    @Test
    void aKeyAnsweredMeanwhileGivesTheUnitsBackAndReplaysTheFirstAnswer() {
        // The key's short claim expired while its first request was stored: the claim is free, the record is not.
        placement.place(USER, KEY, request(item("SKU-1", 1)));
        claims.drop(USER, KEY);

        OrderPlacement.Placed again = placement.place(USER, KEY, request(item("SKU-1", 1)));

        assertThat(again).isEqualTo(new OrderPlacement.Placed.Replayed(OrderPlacement.accepted("101")));
        assertThat(stock.holdsUnitsOf("102")).isFalse();
        assertThat(stock.available("SKU-1")).isEqualTo(4);
        assertThat(orders.stored).hasSize(1);
    }
}
