package com.orderplatform.api.order;

import java.util.Map;

/** Running order sagas per shown step (FAILED and PARKED included); steps with none are absent. */
public record SagaCountsView(Map<String, Long> byStep) {

    public SagaCountsView {
        byStep = Map.copyOf(byStep);
    }
}
