package com.orderplatform.saga;

/** The step an order saga waits in; each names the command whose answer it waits for. */
public enum OrderSagaStep {
    RESERVING_STOCK, CHARGING_PAYMENT, CONFIRMING_ORDER, REFUNDING_PAYMENT, RELEASING_STOCK, CANCELLING_ORDER, DONE
}
