package com.orderplatform.command.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderplatform.api.order.Actor;
import com.orderplatform.api.payment.PaymentChargedEvent;
import com.orderplatform.api.payment.PaymentDeclinedEvent;
import com.orderplatform.api.payment.PaymentExpiredEvent;
import com.orderplatform.api.payment.PaymentIds;
import com.orderplatform.api.payment.PaymentParkedEvent;
import com.orderplatform.api.payment.PaymentRefundRequestedEvent;
import com.orderplatform.api.payment.PaymentRefundedEvent;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.api.payment.RecordChargeOutcomeCommand;
import com.orderplatform.infra.axon.GroupCommit;
import com.orderplatform.infra.ops.OperatorActions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the provider's record with the payments held here, as finance teams reconcile a processor's report:
 * every charge the provider made in the last {@code lookback} against our payment of its order. Findings:
 * <ul>
 *   <li>{@code UNKNOWN_CHARGE} — a charge for an order we hold no payment for (reported);</li>
 *   <li>{@code AMOUNT_MISMATCH} — the provider charged another amount than we requested (reported);</li>
 *   <li>{@code CHARGE_ON_CANCELLED_ORDER} — a charge standing on a payment we recorded as expired or declined: the
 *       customer's money on a cancelled order. Remedied, because the remedy is certain: an expired payment records
 *       the charge, which refunds it at once (as a late webhook would); a declined one's stray charge is refunded at
 *       the provider directly;</li>
 *   <li>{@code SECOND_CHARGE} — a charge standing beside the one our paid payment holds: refunded;</li>
 *   <li>{@code CHARGE_MISSING} — we hold a charge the provider did not make (reported);</li>
 *   <li>{@code REFUND_MISSING} — we recorded a refund the provider did not make (reported).</li>
 * </ul>
 * Payments still on their way (requested, parked, refund requested) are not findings. It runs every {@code every}
 * on one instance at a time (the operator lock), and at once on request; each run, and each remedy, is audited.
 */
public class PaymentReconciliation implements AutoCloseable {

    public enum Kind { UNKNOWN_CHARGE, AMOUNT_MISMATCH, CHARGE_ON_CANCELLED_ORDER, SECOND_CHARGE, CHARGE_MISSING,
        REFUND_MISSING }

    public record Finding(Kind kind, String orderId, String providerReference, long providerAmount, long ourAmount,
                          String ourState, String remedy) {
    }

    public record Report(Instant startedAt, Instant finishedAt, Instant since, int chargesChecked,
                         List<Finding> findings) {
    }

    static final String ACTION = "PAYMENT_RECONCILIATION";
    private static final Actor SCHEDULE = new Actor("reconciliation-schedule", true);
    private static final int PAGE = 200;
    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);

    private final HttpPaymentGateway provider;
    private final EventStore events;
    private final GroupCommit commits;
    private final OperatorActions actions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final PaymentProperties.Reconciliation settings;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "payment-reconciliation");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Report last;

    PaymentReconciliation(HttpPaymentGateway provider, EventStore events, GroupCommit commits, OperatorActions actions,
                          MeterRegistry meters, Clock clock, PaymentProperties.Reconciliation settings) {
        this.provider = provider;
        this.events = events;
        this.commits = commits;
        this.actions = actions;
        this.meters = meters;
        this.clock = clock;
        this.settings = settings;
    }

    void start() {
        long every = settings.every().toMillis();
        schedule.scheduleWithFixedDelay(() -> {
            try {
                run(SCHEDULE);
            } catch (RuntimeException e) {
                log.warn("Payment reconciliation did not run: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** The last run's report, on this instance; null before the first. */
    public Report last() {
        return last;
    }

    /** Runs now, on behalf of {@code operator}; 409 while another run holds the lock. */
    public Report run(Actor operator) {
        return actions.run(operator, ACTION, "payments", () -> {
            Report report = reconcile();
            last = report;
            return new OperatorActions.Done<>(report, report.chargesChecked() + " charges checked, "
                    + report.findings().size() + " findings: " + report.findings());
        });
    }

    private Report reconcile() {
        Instant started = clock.instant();
        Instant since = started.minus(settings.lookback());
        List<Finding> findings = new ArrayList<>();
        int checked = 0;
        String after = null;
        while (true) {
            List<JsonNode> page = provider.intents(after, since, PAGE);
            for (JsonNode intent : page) {
                checked++;
                Finding finding = check(intent);
                if (finding != null) {
                    findings.add(finding);
                    Counter.builder("orders.payment.reconciliation.findings").tag("kind", finding.kind().name())
                            .description("Differences between the provider's record and ours").register(meters)
                            .increment();
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).path("id").asText();
        }
        if (!findings.isEmpty()) {
            log.warn("Payment reconciliation: {} findings in {} charges: {}", findings.size(), checked, findings);
        }
        return new Report(started, clock.instant(), since, checked, List.copyOf(findings));
    }

    private Finding check(JsonNode intent) {
        String orderId = intent.path("order_id").asText();
        String reference = intent.path("id").asText();
        long amount = intent.path("amount").asLong();
        boolean succeeded = "succeeded".equals(intent.path("status").asText());
        boolean standing = succeeded && intent.path("amount_refunded").asLong() < amount;
        Held held = held(orderId);
        if (held == null) {
            return standing ? finding(Kind.UNKNOWN_CHARGE, orderId, reference, amount, null, "reported") : null;
        }
        if (succeeded && amount != held.amount()) {
            return finding(Kind.AMOUNT_MISMATCH, orderId, reference, amount, held, "reported");
        }
        switch (held.state()) {
            case EXPIRED -> {
                if (standing) {
                    commits.sendAndWait(new RecordChargeOutcomeCommand(orderId, true, reference, null, amount));
                    return finding(Kind.CHARGE_ON_CANCELLED_ORDER, orderId, reference, amount, held,
                            "charge recorded on the expired payment, which refunds it");
                }
            }
            case DECLINED -> {
                if (standing) {
                    return refundAtTheProvider(Kind.CHARGE_ON_CANCELLED_ORDER, orderId, reference, amount, held);
                }
            }
            case CHARGED -> {
                if (standing && !reference.equals(held.reference())) {
                    return refundAtTheProvider(Kind.SECOND_CHARGE, orderId, reference, amount, held);
                }
                if (!succeeded && reference.equals(held.reference())) {
                    return finding(Kind.CHARGE_MISSING, orderId, reference, amount, held, "reported");
                }
            }
            case REFUNDED -> {
                if (standing && reference.equals(held.reference())) {
                    return finding(Kind.REFUND_MISSING, orderId, reference, amount, held, "reported");
                }
            }
            default -> {
                // requested, parked or refund requested: still on its way
            }
        }
        return null;
    }

    private Finding refundAtTheProvider(Kind kind, String orderId, String reference, long amount, Held held) {
        String refund = provider.refund(reference, amount, "reconciliation-" + reference).join();
        return finding(kind, orderId, reference, amount, held, "refunded at the provider as " + refund);
    }

    private static Finding finding(Kind kind, String orderId, String reference, long amount, Held held, String remedy) {
        return new Finding(kind, orderId, reference, amount, held == null ? 0 : held.amount(),
                held == null ? null : held.state().name(), remedy);
    }

    /** Our payment of an order as its events tell it; null when we hold none. */
    private record Held(Payment.State state, long amount, String reference) {
    }

    private Held held(String orderId) {
        Payment.State state = null;
        long amount = 0;
        String reference = null;
        var stream = events.readEvents(PaymentIds.forOrder(orderId));
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            Object payload = event.getPayload();
            if (payload instanceof PaymentRequestedEvent requested) {
                state = Payment.State.REQUESTED;
                amount = requested.amountCents();
            } else if (payload instanceof PaymentParkedEvent) {
                state = Payment.State.PARKED;
            } else if (payload instanceof PaymentChargedEvent charged) {
                state = Payment.State.CHARGED;
                reference = charged.providerReference();
            } else if (payload instanceof PaymentDeclinedEvent) {
                state = Payment.State.DECLINED;
            } else if (payload instanceof PaymentExpiredEvent) {
                state = Payment.State.EXPIRED;
            } else if (payload instanceof PaymentRefundRequestedEvent) {
                state = Payment.State.REFUND_REQUESTED;
            } else if (payload instanceof PaymentRefundedEvent) {
                state = Payment.State.REFUNDED;
            }
        }
        return state == null ? null : new Held(state, amount, reference);
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
