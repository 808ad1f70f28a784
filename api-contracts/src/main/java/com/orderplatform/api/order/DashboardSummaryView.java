package com.orderplatform.api.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an operator watches during a sale. {@code revenueCents} per currency counts orders that are paid and not
 * cancelled; latencies are over orders paid in the last 15 minutes; {@code unfinishedAfter5Minutes} counts orders
 * still PENDING five minutes after placement — each has a saga that has not finished. {@code sagasByStep}: running
 * sagas per step, FAILED and PARKED included — present where this process runs the saga role, null elsewhere.
 */
public record DashboardSummaryView(
        Instant at,
        Map<OrderStatus, Long> ordersByStatus,
        List<MinuteCount> lastFifteenMinutes,
        Map<String, Long> revenueCents,
        Long placeToPaidMillisP50,
        Long placeToPaidMillisP99,
        long unfinishedAfter5Minutes,
        Map<String, Long> sagasByStep) {

    public DashboardSummaryView withSagas(Map<String, Long> sagas) {
        return new DashboardSummaryView(at, ordersByStatus, lastFifteenMinutes, revenueCents, placeToPaidMillisP50,
                placeToPaidMillisP99, unfinishedAfter5Minutes, sagas);
    }

    public record MinuteCount(Instant minute, long placed, long paid) {
    }
}
