package com.orderplatform.saga;

/**
 * The step an order saga waits in; each names the command whose answer it waits for. PARKED: the charge waits for
 * the payment provider to be reachable again (its breaker open), not cancelled by the charge deadline.
 */
public enum OrderSagaStep {
    RESERVING_STOCK, CHARGING_PAYMENT, PARKED, CONFIRMING_ORDER, REFUNDING_PAYMENT, RELEASING_STOCK, CANCELLING_ORDER, DONE
}
