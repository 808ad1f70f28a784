package com.orderplatform.api.order;

public record FindDashboardSummaryQuery() {
}
