package com.orderplatform.api.order;

/** An operator asked to abort the order; its saga compensates what was done and cancels it (OPERATOR_ABORT). */
public record OrderAbortRequestedEvent(String orderId, String userId, String operatorId, OrderStatus statusAtRequest) {
}
