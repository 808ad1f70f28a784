package com.orderplatform.api.order;

public enum CancelReason {
    OUT_OF_STOCK, LIMIT_EXCEEDED, PAYMENT_DECLINED, PAYMENT_TIMEOUT, CUSTOMER_REQUEST, OPERATOR_ABORT
}
