package com.orderplatform.command.placement;

import com.orderplatform.api.order.PlaceOrderCommand;

/**
 * Stores a new order, and in the same transaction whatever must commit with it (its Idempotency-Key's answer). Throws
 * {@link com.orderplatform.infra.axon.CommitTimeoutException} when it cannot tell whether the order committed.
 */
@FunctionalInterface
public interface OrderStore {

    void store(PlaceOrderCommand order, Runnable inTheSameTransaction);
}
