package com.orderplatform.api.order;

import com.orderplatform.api.RuleViolation;

/**
 * The one answer for an order that does not exist and for one the caller may not see, wherever it is asked for:
 * the same status, code and detail, so that no answer tells another customer's order from no order at all.
 */
public final class OrderNotFound {

    public static final String CODE = "ORDER_NOT_FOUND";

    private OrderNotFound() {
    }

    public static RuleViolation violation() {
        return RuleViolation.notFound(CODE, "No such order.");
    }
}
