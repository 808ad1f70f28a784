package com.orderplatform.api.inventory;

public enum ReservationRejectionReason {
    OUT_OF_STOCK, LIMIT_EXCEEDED
}
