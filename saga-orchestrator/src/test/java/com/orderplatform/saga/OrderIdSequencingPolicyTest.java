package com.orderplatform.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.infra.ids.NodeLease;
import com.orderplatform.infra.ids.OrderRoutes;
import com.orderplatform.infra.ids.SnowflakeIdGenerator;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

class OrderIdSequencingPolicyTest {

    private final OrderIdSequencingPolicy policy = new OrderIdSequencingPolicy();
    private final SnowflakeIdGenerator ids = new SnowflakeIdGenerator(NodeLease.held(1), Clock.systemUTC(), 5);

    /** Every event of every order of one SKU reaches the one segment of that SKU's route, out of four. */
    @Test
    void everyEventOfEveryOrderOfOneSkuGoesToOneSegment() {
        Segment[] segments = Segment.computeSegments(0, 1, 2, 3);
        for (String sku : List.of("SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "SKU-6")) {
            Set<Integer> served = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                // The second line's SKU sorts after the first: the order follows its first SKU.
                List<OrderLine> lines = List.of(new OrderLine(sku + "~", 1, 100), new OrderLine(sku, 1, 100));
                String orderId = Long.toString(ids.nextId(OrderRoutes.ofSkus(List.of(sku + "~", sku))));
                List<Object> events = List.of(new OrderPlacedEvent(orderId, "u", lines, 200, "EUR", "tok_ok"),
                        new StockReservedEvent(sku + "~", orderId, "u", 1, SagaFixtures.LEVELS),
                        new PaymentChargedEvent(orderId, 200, "EUR", "ref"));
                for (Object event : events) {
                    Object sequence = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(event));
                    for (Segment segment : segments) {
                        if (segment.matches(sequence)) {
                            served.add(segment.getSegmentId());
                        }
                    }
                }
            }
            assertThat(served).as(sku).hasSize(1);
        }
    }

    @Test
    void anEventWithoutAnOrderIdHasNoSequence() {
        assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage("no order"))).isNull();
    }
}
