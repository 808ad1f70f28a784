package com.orderplatform.saga;

/** The outcome of one saga step: the next state and at most one command to send. */
public record OrderSagaDecision(OrderSagaState state, Object command) {

    static OrderSagaDecision to(OrderSagaState state, Object command) {
        return new OrderSagaDecision(state, command);
    }

    static OrderSagaDecision stay(OrderSagaState state) {
        return new OrderSagaDecision(state, null);
    }

    public boolean ends() {
        return state.step() == OrderSagaStep.DONE;
    }
}
