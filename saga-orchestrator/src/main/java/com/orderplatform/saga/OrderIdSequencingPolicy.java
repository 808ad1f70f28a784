package com.orderplatform.saga;

import com.orderplatform.infra.ids.OrderRoutes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Keeps the events of one order in order, whichever aggregate applied them (the order, its payment, a SKU's
 * ledger): events are sequenced by the route their {@code orderId()} carries ({@link OrderRoutes}), so with several
 * segments one order's saga is always served by one of them — and so are all the orders of one SKU, whose ledger is
 * then changed from one instance only, while different SKUs spread over the segments. Events without an order id
 * may run in any order.
 *
 * <p>Changing this policy moves orders between segments: all instances that run the saga must run the same one
 * (stop the saga role everywhere, or run one instance, while an upgrade changes it).
 */
final class OrderIdSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final ClassValue<MethodHandle> ORDER_ID = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                return MethodHandles.publicLookup().findVirtual(type, "orderId", MethodType.methodType(String.class));
            } catch (NoSuchMethodException | IllegalAccessException none) {
                return null;
            }
        }
    };

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        // The type answers first, so that events without an order id are not deserialized for nothing.
        return ORDER_ID.get(event.getPayloadType()) == null ? null
                : orderIdOf(event.getPayload()).map(OrderRoutes::ofOrderId).orElse(null);
    }

    /** The order an event belongs to: its {@code orderId()}, if its type has one. */
    static Optional<String> orderIdOf(Object payload) {
        MethodHandle orderId = ORDER_ID.get(payload.getClass());
        if (orderId == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((String) orderId.invoke(payload));
        } catch (Throwable unreadable) {
            throw new IllegalStateException("cannot read the order id of " + payload.getClass(), unreadable);
        }
    }
}
