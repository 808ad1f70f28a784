package com.orderplatform.api.order;

/** How many order sagas are in each step that has not ended (FAILED and PARKED included). */
public record FindSagaCountsQuery() {
}
