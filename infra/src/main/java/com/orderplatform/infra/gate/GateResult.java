package com.orderplatform.infra.gate;

/** The gate's answer; {@code sku} names the line refused, {@code available} its units left (-1: not told). */
public record GateResult(Outcome outcome, String sku, long available) {

    public enum Outcome {
        RESERVED, ALREADY_HANDLED, SOLD_OUT, LIMIT_EXCEEDED, NOT_LOADED, BYPASSED
    }

    public GateResult(Outcome outcome, String sku) {
        this(outcome, sku, -1);
    }

    public static GateResult of(Outcome outcome) {
        return new GateResult(outcome, null);
    }

    /** Refused because the SKU has no unit left at all, not just fewer than asked for. */
    public boolean emptied() {
        return outcome == Outcome.SOLD_OUT && available == 0;
    }
}
