package com.orderplatform.saga;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.Actor;
import com.orderplatform.api.order.OrderNotFound;
import com.orderplatform.infra.security.AdminOnly;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operators' view of the order sagas, and what they may do to them (DESIGN §9, README "Incidents"). */
@AdminOnly
@RestController
class SagaAdminController {

    private static final String ORDER_ID = "[0-9]{1,19}";

    private final OrderSagaStore store;
    private final OrderEvents events;
    private final SagaOperations operations;
    private final OrderSagaProperties properties;
    private final Clock clock;

    SagaAdminController(OrderSagaStore store, OrderEvents events, SagaOperations operations,
                        OrderSagaProperties properties, Clock clock) {
        this.store = store;
        this.events = events;
        this.operations = operations;
        this.properties = properties;
        this.clock = clock;
    }

    /** One saga as listed. {@code deadline}: when the charge deadline expires the payment, while charging. */
    record SagaSummary(String orderId, String step, Instant stepSince, int attempts, String pendingCommand,
                       String failedStep, String failureType, String failureMessage, Instant deadline) {
    }

    record SagaPage(List<SagaSummary> items, int page, int size) {
    }

    record SagaDetail(SagaSummary saga, OrderSagaState state, List<OrderEvents.StepEntered> steps,
                      List<OrderEvents.Event> events) {
    }

    @GetMapping("/api/admin/sagas")
    SagaPage list(@RequestParam(required = false) String step,
                  @RequestParam(required = false) String stuckFor,
                  @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        List<SagaSummary> items = store.rows(step(step), clock.instant().minus(duration(stuckFor)), page, size)
                .stream().map(this::summary).toList();
        return new SagaPage(items, page, size);
    }

    @GetMapping("/api/admin/sagas/{orderId}")
    SagaDetail saga(@PathVariable String orderId) {
        OrderSagaStore.Row row = store.row(known(orderId)).orElseThrow(() -> SagaOperations.notFound(orderId));
        List<OrderEvents.Event> history = events.of(orderId);
        return new SagaDetail(summary(row), row.state(), OrderEvents.steps(history), history);
    }

    @GetMapping("/api/admin/orders/{orderId}/events")
    List<OrderEvents.Event> orderEvents(@PathVariable String orderId) {
        List<OrderEvents.Event> history = events.of(known(orderId));
        if (history.isEmpty()) {
            throw OrderNotFound.violation();
        }
        return history;
    }

    @PostMapping("/api/admin/sagas/{orderId}/redrive")
    ResponseEntity<SagaOperations.Redriven> redrive(Actor operator, @PathVariable String orderId) {
        return ResponseEntity.accepted().body(operations.redrive(operator, known(orderId)));
    }

    @PostMapping("/api/admin/sagas/{orderId}/abort")
    ResponseEntity<SagaOperations.Aborting> abort(Actor operator, @PathVariable String orderId) {
        return ResponseEntity.accepted().body(operations.abort(operator, known(orderId)));
    }

    /** Every saga in {@code step} (any running one when absent) for at least {@code stuckFor}, paced. */
    @PostMapping("/api/admin/sagas/redrive")
    ResponseEntity<SagaOperations.BulkRedrive> redriveStuck(
            Actor operator,
            @RequestParam(required = false) String step,
            @RequestParam String stuckFor,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit,
            @RequestParam(required = false) @Min(1) @Max(10_000) Integer perSecond) {
        SagaOperations.BulkRedrive done = operations.redriveStuck(operator, step(step), duration(stuckFor), limit,
                dryRun, perSecond != null ? perSecond : properties.redrivePerSecond());
        return dryRun ? ResponseEntity.ok(done) : ResponseEntity.accepted().body(done);
    }

    private SagaSummary summary(OrderSagaStore.Row row) {
        OrderSagaStore.Failure failure = row.failure();
        Instant deadline = row.state().step() == OrderSagaStep.CHARGING_PAYMENT && failure == null
                ? row.stepSince().plus(properties.chargeDeadline()) : null;
        return new SagaSummary(row.state().orderId(), row.shownStep(), row.stepSince(), row.attempts(),
                row.pendingCommand(), failure == null ? null : failure.step().name(),
                failure == null ? null : failure.type(), failure == null ? null : failure.message(), deadline);
    }

    private static String known(String orderId) {
        if (!orderId.matches(ORDER_ID)) {
            throw SagaOperations.notFound(orderId);
        }
        return orderId;
    }

    /** A step as shown to operators: one of the saga's steps, or FAILED; null for any running saga. */
    private static String step(String step) {
        if (step == null || step.isBlank()) {
            return null;
        }
        boolean known = step.equals(OrderSagaStore.FAILED)
                || Arrays.stream(OrderSagaStep.values()).anyMatch(s -> s.name().equals(step));
        if (!known) {
            throw RuleViolation.invalid("UNKNOWN_STEP", "step must be FAILED or one of "
                    + Arrays.toString(OrderSagaStep.values()) + ".");
        }
        return step;
    }

    private static Duration duration(String stuckFor) {
        if (stuckFor == null || stuckFor.isBlank()) {
            return Duration.ZERO;
        }
        try {
            Duration parsed = Duration.parse(stuckFor);
            if (parsed.isNegative()) {
                throw new DateTimeParseException("negative", stuckFor, 0);
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalid("INVALID_DURATION", "stuckFor must be an ISO-8601 duration such as PT5M.");
        }
    }
}
