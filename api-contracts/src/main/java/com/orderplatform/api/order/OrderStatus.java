package com.orderplatform.api.order;

public enum OrderStatus {
    PENDING, PAID, SHIPPED, COMPLETED, CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
