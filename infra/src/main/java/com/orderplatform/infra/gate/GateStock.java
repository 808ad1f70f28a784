package com.orderplatform.infra.gate;

import java.util.Map;

/** One SKU as the gate sees it: units available, the per-user limit (0: none) and what each user holds. */
public record GateStock(long available, int perUserLimit, Map<String, Long> heldPerUser) {

    public GateStock {
        heldPerUser = Map.copyOf(heldPerUser);
    }
}
