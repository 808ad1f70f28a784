package com.orderplatform.saga;

import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.OrderLine;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the saga remembers of one order: ids, the lines it must act on, the step it is in, and a few flags. */
public record OrderSagaState(
        String orderId,
        String userId,
        List<OrderLine> lines,
        long totalCents,
        String currency,
        String paymentMethod,
        OrderSagaStep step,
        Set<String> skusDone,
        boolean cancellationRequested,
        CancelReason cancelReason) {

    public OrderSagaState {
        lines = List.copyOf(lines);
        skusDone = Set.copyOf(skusDone);
    }

    OrderSagaState at(OrderSagaStep next) {
        return new OrderSagaState(orderId, userId, lines, totalCents, currency, paymentMethod, next, Set.of(),
                cancellationRequested, cancelReason);
    }

    OrderSagaState cancelling(CancelReason reason, OrderSagaStep next) {
        CancelReason kept = cancelReason != null ? cancelReason : reason;
        return new OrderSagaState(orderId, userId, lines, totalCents, currency, paymentMethod, next, Set.of(),
                cancellationRequested, kept);
    }

    OrderSagaState withCancellationRequested() {
        return new OrderSagaState(orderId, userId, lines, totalCents, currency, paymentMethod, step, skusDone, true,
                cancelReason != null ? cancelReason : CancelReason.CUSTOMER_REQUEST);
    }

    /** An operator aborts the order: whatever ends it now ends it as OPERATOR_ABORT. */
    OrderSagaState aborted() {
        return new OrderSagaState(orderId, userId, lines, totalCents, currency, paymentMethod, step, skusDone, true,
                CancelReason.OPERATOR_ABORT);
    }

    OrderSagaState withSkuDone(String sku) {
        Set<String> done = new HashSet<>(skusDone);
        done.add(sku);
        return new OrderSagaState(orderId, userId, lines, totalCents, currency, paymentMethod, step, done,
                cancellationRequested, cancelReason);
    }

    boolean allSkusDone() {
        return lines.stream().allMatch(line -> skusDone.contains(line.sku()));
    }
}
