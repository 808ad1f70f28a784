package com.orderplatform.query.order;

import com.orderplatform.api.order.DashboardSummaryView;
import com.orderplatform.api.order.FindDashboardSummaryQuery;
import com.orderplatform.infra.security.AdminOnly;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@AdminOnly
@RestController
class DashboardController {

    private final QueryGateway queries;

    DashboardController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/dashboard/summary")
    DashboardSummaryView summary() {
        return queries.query(new FindDashboardSummaryQuery(), DashboardSummaryView.class).join();
    }
}
