package com.orderplatform.command.payment;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment provider behind a circuit breaker: once half of the recent calls failed (errors and broken
 * connections; a declined card is an answer, not a failure), calls fail at once with
 * {@link io.github.resilience4j.circuitbreaker.CallNotPermittedException} instead of waiting on a provider that is
 * down, and charges are parked until it answers again ({@link ParkedPayments}).
 */
class CircuitBreakingPaymentGateway implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakingPaymentGateway.class);

    private final PaymentGateway provider;
    private final CircuitBreaker breaker;

    CircuitBreakingPaymentGateway(PaymentGateway provider, PaymentProperties.Breaker settings) {
        this.provider = provider;
        this.breaker = CircuitBreaker.of("payment-provider", CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
        breaker.getEventPublisher().onStateTransition(event ->
                log.warn("Payment provider circuit {}", event.getStateTransition()));
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public CompletableFuture<ChargeResult> charge(ChargeRequest request) {
        return breaker.decorateCompletionStage(() -> provider.charge(request)).get().toCompletableFuture();
    }

    @Override
    public CompletableFuture<String> refund(RefundRequest request) {
        return breaker.decorateCompletionStage(() -> provider.refund(request)).get().toCompletableFuture();
    }
}
