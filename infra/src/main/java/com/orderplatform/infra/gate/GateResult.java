package com.orderplatform.infra.gate;

public record GateResult(Outcome outcome, String sku) {

    public enum Outcome {
        RESERVED, ALREADY_HANDLED, SOLD_OUT, LIMIT_EXCEEDED, NOT_LOADED, BYPASSED
    }

    public static GateResult of(Outcome outcome) {
        return new GateResult(outcome, null);
    }
}
