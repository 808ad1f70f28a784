package com.orderplatform.query.order;

import com.orderplatform.api.order.DashboardSummaryView;
import com.orderplatform.api.order.FindDashboardSummaryQuery;
import com.orderplatform.api.order.FindSagaCountsQuery;
import com.orderplatform.api.order.SagaCountsView;
import com.orderplatform.infra.security.AdminOnly;
import java.util.concurrent.CompletionException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
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
        DashboardSummaryView summary = queries.query(new FindDashboardSummaryQuery(), DashboardSummaryView.class).join();
        try {
            return summary.withSagas(queries.query(new FindSagaCountsQuery(), SagaCountsView.class).join().byStep());
        } catch (CompletionException | NoHandlerForQueryException noSagaRoleHere) {
            // The saga role runs in another process: its counts are in that process's summary and metrics.
            return summary;
        }
    }
}
