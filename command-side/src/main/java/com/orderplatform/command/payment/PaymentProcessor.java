package com.orderplatform.command.payment;

import com.orderplatform.api.payment.ExpirePaymentCommand;
import com.orderplatform.api.payment.ParkPaymentCommand;
import com.orderplatform.api.payment.PaymentRefundRequestedEvent;
import com.orderplatform.api.payment.PaymentRequestedEvent;
import com.orderplatform.api.payment.RecordChargeOutcomeCommand;
import com.orderplatform.api.payment.RecordRefundCommand;
import com.orderplatform.infra.axon.GroupCommit;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Talks to the payment provider on behalf of the Payment aggregate and owns the payment timeout: the provider has
 * {@code timeout} from the moment it is called to answer a charge, and a charge with no answer by then is recorded
 * as expired. Counting from the call, not from when the charge was requested, means a backlog of our own (this
 * processor or the saga running behind) never turns into timeouts. The calls of one batch run in parallel and the
 * processor's token moves only once each was answered and recorded (or expired): a crash mid-call redelivers the
 * request, and the order id as idempotency key keeps the provider from charging twice. So an outcome need not be on
 * disk before the token moves — the database writes its commits in order, and a crash that loses the outcome loses
 * the token's move with it — and is recorded as redoable; a late approval, recorded after the token moved, is not.
 * <p>
 * When the instance stops, a batch still waiting for the provider is failed at once (before Axon stops its
 * processors), so its transaction rolls back and the token is free for the next owner, which calls again under the
 * same idempotency key: a batch left waiting held the token's row for as long as the slowest call (seen: a restarted
 * instance on H2 could not take the token for longer than a charge's whole timeout).
 */
@ProcessingGroup(PaymentProcessor.GROUP)
class PaymentProcessor implements SmartLifecycle {

    static final String GROUP = "payment-gateway";
    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);
    private static final int REFUND_ATTEMPTS = 5;
    private static final long FIRST_RETRY_MILLIS = 100;

    private final PaymentGateway gateway;
    private final GroupCommit commits;
    private final Duration timeout;
    private final Executor retries;
    private final ParkedPayments parked;
    private final RecordedOutcomes recorded;
    private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    // Set by stop() only: batches run before start() (Axon starts its processors first) are not refused.
    private volatile boolean stopping;

    /** The provider's answers are recorded through group commit; {@code retries} runs the calls tried again. */
    PaymentProcessor(PaymentGateway gateway, GroupCommit commits, Duration timeout, Executor retries,
                     ParkedPayments parked, RecordedOutcomes recorded) {
        this.gateway = gateway;
        this.commits = commits;
        this.timeout = timeout;
        this.retries = retries;
        this.parked = parked;
        this.recorded = recorded;
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRequestedEvent event) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PaymentGateway.ChargeRequest request = new PaymentGateway.ChargeRequest(event.orderId(), event.amountCents(),
                event.currency(), event.paymentMethod());
        // Set once an attempt may have reached the provider (it failed, but not as unreachable): the charge may have
        // been made, so it expires rather than parks, even if a later attempt finds the breaker open.
        AtomicBoolean reached = new AtomicBoolean();
        CompletableFuture<?> recorded = untilDeadline(() -> gateway.charge(request), deadline, 1,
                        late -> late.thenAccept(result -> recordLate(event, result)), reached)
                .handle((result, noAnswer) -> noAnswer == null ? outcome(event, result)
                        : unreachable(noAnswer) && !reached.get() ? parked(event, noAnswer)
                        : expired(event, noAnswer))
                .thenCompose(command -> command instanceof ParkPaymentCommand park
                        ? commits.sendRedoable(park, () -> parked.park(park.orderId()))
                        : commits.sendRedoable(command).thenRun(() -> remember(command)));
        completeBeforeCommit(recorded);
    }

    /**
     * The provider was not reached at all — the connection was refused, its breaker is open, or it answered that it
     * processed nothing — so nothing can have been charged: the charge waits for the provider instead of expiring. A
     * call that got no answer in time is different: it may have charged, so it expires (and a late approval is
     * refunded).
     */
    static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CallNotPermittedException || cause instanceof ConnectException
                    || cause instanceof PaymentProviderUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static Object parked(PaymentRequestedEvent event, Throwable unreachable) {
        log.warn("Charge for order {} parked: the payment provider cannot be reached ({})", event.orderId(),
                unreachable.toString());
        return new ParkPaymentCommand(event.orderId());
    }

    private void remember(Object command) {
        if (command instanceof RecordChargeOutcomeCommand outcome) {
            recorded.add(outcome.orderId(), outcome.approved() ? RecordedOutcomes.CHARGED : RecordedOutcomes.DECLINED);
        }
    }

    private static Object outcome(PaymentRequestedEvent event, PaymentGateway.ChargeResult result) {
        return new RecordChargeOutcomeCommand(event.orderId(), result.approved(), result.providerReference(),
                result.declineReason(), event.amountCents());
    }

    /**
     * The provider answered after the charge had expired. An approval is recorded all the same — the payment turns
     * it into a charge refunded at once — so that a cancelled order never keeps the customer's money; a decline
     * changes nothing. (An answer that arrives after this process stopped comes as the provider's webhook instead:
     * {@link PaymentWebhookController}.)
     */
    private void recordLate(PaymentRequestedEvent event, PaymentGateway.ChargeResult result) {
        if (!result.approved()) {
            return;
        }
        log.warn("The provider approved the charge for order {} after it had expired; recording it to refund it",
                event.orderId());
        commits.send(outcome(event, result)).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.error("Could not record the late charge of order {} ({}): refund it by hand", event.orderId(),
                        result.providerReference(), failure);
            }
        });
    }

    private Object expired(PaymentRequestedEvent event, Throwable noAnswer) {
        log.warn("Charge for order {} got no answer within {} of calling the provider ({}); recording it as expired",
                event.orderId(), timeout, noAnswer.toString());
        return new ExpirePaymentCommand(event.orderId());
    }

    @EventHandler
    @DisallowReplay
    void on(PaymentRefundRequestedEvent event) {
        completeBeforeCommit(refund(event, 1));
    }

    /**
     * The call, and again after a failure (not a decline: an error or a broken connection) with a doubling pause,
     * as long as the deadline allows; an answer later than the deadline is not waited for but handed, still open, to
     * {@code unanswered}.
     */
    private <T> CompletableFuture<T> untilDeadline(Supplier<CompletableFuture<T>> call, long deadline, int attempt,
                                                   Consumer<CompletableFuture<T>> unanswered, AtomicBoolean reached) {
        long left = deadline - System.nanoTime();
        CompletableFuture<T> pending = call.get();
        return pending.copy().orTimeout(Math.max(1, left), TimeUnit.NANOSECONDS)
                .<CompletableFuture<T>>handle((answer, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    if (failure instanceof TimeoutException) {
                        reached.set(true);
                        unanswered.accept(pending);
                        return CompletableFuture.failedFuture(failure);
                    }
                    if (!unreachable(failure)) {
                        reached.set(true);
                    }
                    long pause = TimeUnit.MILLISECONDS.toNanos(FIRST_RETRY_MILLIS << Math.min(attempt - 1, 6));
                    // An open breaker answers at once and will not close by itself within a call's deadline.
                    if (deadline - System.nanoTime() <= pause || failure instanceof CallNotPermittedException
                            || failure.getCause() instanceof CallNotPermittedException) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(pause, TimeUnit.NANOSECONDS, retries))
                            .thenCompose(ignored -> untilDeadline(call, deadline, attempt + 1, unanswered, reached));
                })
                .thenCompose(next -> next);
    }

    private CompletableFuture<?> refund(PaymentRefundRequestedEvent event, int attempt) {
        return gateway.refund(new PaymentGateway.RefundRequest(event.orderId(), event.amountCents(), event.currency(),
                        event.providerReference()))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(reference -> commits.sendRedoable(
                        new RecordRefundCommand(event.orderId(), reference, event.amountCents())))
                .thenRun(() -> recorded.add(event.orderId(), RecordedOutcomes.REFUNDED))
                .<CompletableFuture<?>>handle((ok, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (attempt >= REFUND_ATTEMPTS || unreachable(e)) {
                        // Not a reason to stop every other payment: the refund waits with the parked charges.
                        log.warn("Refund for order {} parked after {} attempts: {}", event.orderId(), attempt,
                                e.toString());
                        parked.park(event.orderId());
                        return CompletableFuture.completedFuture(null);
                    }
                    log.warn("Refund for order {} failed (attempt {}); retrying", event.orderId(), attempt, e);
                    return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(
                                    FIRST_RETRY_MILLIS << attempt, TimeUnit.MILLISECONDS, retries))
                            .thenCompose(x -> refund(event, attempt + 1));
                })
                .thenCompose(next -> next);
    }

    /**
     * An exception here fails the batch, so the event is redelivered: an answer is never dropped. (Not an exception
     * from the handler itself: this group's error handler would log it and move on.)
     */
    private void completeBeforeCommit(CompletableFuture<?> call) {
        waiting.add(call);
        call.whenComplete((result, failure) -> waiting.remove(call));
        if (stopping) {
            call.completeExceptionally(stopping());
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> call.join());
        } else {
            call.join();
        }
    }

    private static IllegalStateException stopping() {
        return new IllegalStateException("This instance is stopping; the payment processor's batch is rolled back and "
                + "redelivered to the next owner of its token");
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    /** Fails the batch in flight (see the class comment); its calls' late answers still arrive as webhooks. */
    @Override
    public void stop() {
        stopping = true;
        running = false;
        waiting.forEach(call -> call.completeExceptionally(stopping()));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before Axon, which stops its event processors by waiting for the batch in flight. */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    }
}
