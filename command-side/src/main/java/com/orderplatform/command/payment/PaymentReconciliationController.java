package com.orderplatform.command.payment;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.Actor;
import com.orderplatform.infra.security.AdminOnly;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs the payment reconciliation now, and reads the last run's findings (DESIGN §12). */
@AdminOnly
@RestController
@RequestMapping("/api/admin/payments/reconciliation")
class PaymentReconciliationController {

    private final PaymentReconciliation reconciliation;

    PaymentReconciliationController(PaymentReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** Runs it now and answers with its report once done (202: remedies it started may still be finishing). */
    @PostMapping
    ResponseEntity<PaymentReconciliation.Report> run(Actor operator) {
        return ResponseEntity.accepted().body(reconciliation.run(operator));
    }

    @GetMapping
    PaymentReconciliation.Report last() {
        PaymentReconciliation.Report last = reconciliation.last();
        if (last == null) {
            throw RuleViolation.notFound("NO_RECONCILIATION_YET", "No reconciliation has run on this instance yet.");
        }
        return last;
    }
}
