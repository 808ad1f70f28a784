package com.orderplatform.query.order;

import com.orderplatform.api.order.FindOrderQuery;
import com.orderplatform.api.order.FindOrdersQuery;
import com.orderplatform.api.order.OrderCancelledEvent;
import com.orderplatform.api.order.OrderCompletedEvent;
import com.orderplatform.api.order.OrderConfirmedEvent;
import com.orderplatform.api.order.OrderPageView;
import com.orderplatform.api.order.OrderPlacedEvent;
import com.orderplatform.api.order.OrderShippedEvent;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.order.OrderView;
import com.orderplatform.infra.axon.ViewUpdates;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * The order view behind polling, paging and the SSE stream. Idempotent by the order's event sequence number, so each
 * change can also commit on its own ({@link ViewUpdates}): an order the view cannot store is dead-lettered, not a
 * stop for every order.
 */
@ProcessingGroup(OrderProjection.GROUP)
class OrderProjection {

    static final String GROUP = "order-view";

    private final OrderViewRepository orders;
    private final QueryUpdateEmitter updates;
    private final ViewUpdates changes;

    OrderProjection(OrderViewRepository orders, QueryUpdateEmitter updates, ViewUpdates changes) {
        this.orders = orders;
        this.updates = updates;
        this.changes = changes;
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        changes.apply(GROUP, () -> placed(event, sequence, at, replay));
    }

    private void placed(OrderPlacedEvent event, long sequence, Instant at, ReplayStatus replay) {
        if (replay.isReplay()) {
            Optional<OrderViewEntity> kept = orders.findById(event.orderId());
            if (kept.isPresent()) {
                if (kept.get().toRebuild()) {
                    kept.get().placed(event.userId(), event.lines(), event.totalCents(), event.currency(), at,
                            sequence);
                    orders.save(kept.get());
                }
                return;
            }
        } else if (orders.existsById(event.orderId())) {
            return;
        }
        OrderViewEntity view = orders.save(new OrderViewEntity(event.orderId(), event.userId(), event.lines(),
                event.totalCents(), event.currency(), at, sequence));
        publish(view, replay);
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        update(event.orderId(), sequence, at, replay, view -> view.paid(at));
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        update(event.orderId(), sequence, at, replay, view -> view.cancelled(event.reason()));
    }

    @EventHandler
    void on(OrderShippedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        update(event.orderId(), sequence, at, replay, view -> view.status(OrderStatus.SHIPPED));
    }

    @EventHandler
    void on(OrderCompletedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        update(event.orderId(), sequence, at, replay, view -> view.status(OrderStatus.COMPLETED));
    }

    /**
     * A replay rebuilds the view in place instead of emptying it: each order keeps answering with what it was until
     * its own events come again (its placement starts it anew), so queries go on being answered throughout. Nobody
     * watching an order is told of the replayed steps: it ends where it was.
     */
    @ResetHandler
    void reset() {
        orders.keepAllToRebuild();
    }

    @QueryHandler
    Optional<OrderView> handle(FindOrderQuery query) {
        return orders.findById(query.orderId()).map(OrderViewEntity::toView);
    }

    @QueryHandler
    OrderPageView handle(FindOrdersQuery query) {
        Page<OrderViewEntity> page = orders.search(query.userId(), query.status(),
                PageRequest.of(query.page(), query.size(), Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("orderId"))));
        return new OrderPageView(page.map(OrderViewEntity::toView).getContent(), query.page(), query.size(),
                page.getTotalElements(), page.getTotalPages());
    }

    /**
     * Applies a later event of the order to its view. A view that is missing means its placement was never projected
     * here (or the row was lost): that is a failure, not something to skip — the event is dead-lettered with its
     * order, and an operator retries it once the view is back.
     */
    private void update(String orderId, long sequence, Instant at, ReplayStatus replay,
                        Consumer<OrderViewEntity> change) {
        changes.apply(GROUP, () -> {
            OrderViewEntity view = orders.findById(orderId).orElseThrow(() -> new IllegalStateException(
                    "no view of order " + orderId + " to apply its event #" + sequence + " to"));
            if (view.advance(sequence, at)) {
                change.accept(view);
                publish(orders.save(view), replay);
            }
        });
    }

    private void publish(OrderViewEntity view, ReplayStatus replay) {
        if (replay.isReplay()) {
            return;
        }
        OrderView snapshot = view.toView();
        updates.emit(FindOrderQuery.class, q -> q.orderId().equals(snapshot.orderId()), snapshot);
    }
}
