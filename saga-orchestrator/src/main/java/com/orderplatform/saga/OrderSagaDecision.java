package com.orderplatform.saga;

/**
 * The outcome of one saga step: the next state, at most one command to send, and what becomes of the payment
 * deadline ({@code CANCEL} records that it no longer matters; the wrapper lets it fire and be ignored).
 */
public record OrderSagaDecision(OrderSagaState state, Object command, PaymentDeadline paymentDeadline) {

    public enum PaymentDeadline { KEEP, SCHEDULE, CANCEL }

    static OrderSagaDecision to(OrderSagaState state, Object command) {
        return new OrderSagaDecision(state, command, PaymentDeadline.KEEP);
    }

    static OrderSagaDecision stay(OrderSagaState state) {
        return new OrderSagaDecision(state, null, PaymentDeadline.KEEP);
    }

    OrderSagaDecision withDeadline(PaymentDeadline action) {
        return new OrderSagaDecision(state, command, action);
    }

    public boolean ends() {
        return state.step() == OrderSagaStep.DONE;
    }
}
