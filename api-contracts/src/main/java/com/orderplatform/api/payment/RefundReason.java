package com.orderplatform.api.payment;

public enum RefundReason {
    ORDER_CANCELLED, CHARGED_AFTER_EXPIRY
}
