package com.orderplatform.saga;

import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.payment.PaymentIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Every event of one order, from the event store: the order's own, its payment's, and those of its stock lines in
 * each SKU's ledger, in the order they happened. The history of the saga's steps follows from them, since the
 * saga's decisions are a function of these events.
 */
final class OrderEvents {

    private final EventStore events;

    OrderEvents(EventStore events) {
        this.events = events;
    }

    /** One event as an operator reads it. */
    record Event(String type, Instant at, String aggregate, long sequence, Object payload) {
    }

    /** A step the saga entered, and when. */
    record StepEntered(String step, Instant at) {
    }

    List<Event> of(String orderId) {
        List<DomainEventMessage<?>> found = new ArrayList<>(all(orderId));
        Set<String> skus = new LinkedHashSet<>();
        found.stream().map(DomainEventMessage::getPayload).filter(OrderPlacedEvent.class::isInstance)
                .flatMap(placed -> ((OrderPlacedEvent) placed).lines().stream()).map(OrderLine::sku).forEach(skus::add);
        found.addAll(all(PaymentIds.forOrder(orderId)));
        for (String sku : skus) {
            // From the first event on, not from the ledger's snapshot: the order's lines may be older than it.
            events.readEvents(sku, 0).asStream()
                    .filter(event -> OrderIdSequencingPolicy.orderIdOf(event.getPayload())
                            .filter(orderId::equals).isPresent())
                    .forEach(found::add);
        }
        return found.stream()
                .sorted(Comparator.<DomainEventMessage<?>, Instant>comparing(DomainEventMessage::getTimestamp)
                        .thenComparing(DomainEventMessage::getAggregateIdentifier)
                        .thenComparingLong(DomainEventMessage::getSequenceNumber))
                .map(event -> new Event(event.getPayloadType().getSimpleName(), event.getTimestamp(),
                        event.getType() + ":" + event.getAggregateIdentifier(), event.getSequenceNumber(),
                        event.getPayload()))
                .toList();
    }

    /** The steps the saga went through, replayed from the order's events through its decisions. */
    static List<StepEntered> steps(List<Event> history) {
        List<StepEntered> steps = new ArrayList<>();
        Optional<OrderSagaState> state = Optional.empty();
        for (Event event : history) {
            Optional<OrderSagaState> before = state;
            Optional<OrderSagaDecision> decision = OrderSagaDecisions.on(state, event.payload());
            if (decision.isEmpty()) {
                continue;
            }
            state = Optional.of(decision.get().state());
            OrderSagaStep step = state.get().step();
            if (before.map(previous -> previous.step() != step).orElse(true)) {
                steps.add(new StepEntered(step.name(), event.at()));
            }
        }
        return steps;
    }

    private List<? extends DomainEventMessage<?>> all(String aggregateId) {
        return events.readEvents(aggregateId, 0).asStream().toList();
    }
}
