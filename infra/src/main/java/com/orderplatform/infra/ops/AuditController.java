package com.orderplatform.infra.ops;

import com.orderplatform.infra.security.AdminOnly;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/audit}: the operator actions, newest first. */
@AdminOnly
@RestController
class AuditController {

    private final OperatorAudit audit;

    AuditController(OperatorAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/admin/audit")
    OperatorAudit.Page audit(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return audit.page(page, size);
    }
}
