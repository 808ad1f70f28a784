package com.orderplatform.query.order;

import com.orderplatform.api.order.Actor;
import com.orderplatform.api.order.FindOrderQuery;
import com.orderplatform.api.order.FindOrdersQuery;
import com.orderplatform.api.order.OrderNotFound;
import com.orderplatform.api.order.OrderPageView;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.order.OrderView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/orders")
class OrderQueryController {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);

    private final QueryGateway queries;

    OrderQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{orderId}")
    OrderView order(Actor actor, @PathVariable String orderId) {
        return visible(actor, find(orderId), orderId);
    }

    @GetMapping
    OrderPageView orders(Actor actor,
                         @RequestParam(required = false) OrderStatus status,
                         @RequestParam(required = false) String userId,
                         @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String owner = actor.admin() ? userId : actor.userId();
        return queries.query(new FindOrdersQuery(owner, status, page, size), OrderPageView.class).join();
    }

    @GetMapping(path = "/{orderId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Actor actor, @PathVariable String orderId) {
        SubscriptionQueryResult<Optional<OrderView>, OrderView> subscription = queries.subscriptionQuery(
                new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderView.class),
                ResponseTypes.instanceOf(OrderView.class));
        OrderView initial;
        try {
            initial = visible(actor, subscription.initialResult().block(Duration.ofSeconds(5)), orderId);
        } catch (RuntimeException e) {
            subscription.cancel();
            throw e;
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        emitter.onCompletion(subscription::cancel);
        emitter.onTimeout(subscription::cancel);
        emitter.onError(e -> subscription.cancel());
        send(emitter, initial);
        if (!initial.status().isTerminal()) {
            subscription.updates().subscribe(view -> send(emitter, view), emitter::completeWithError, emitter::complete);
        } else {
            emitter.complete();
        }
        return emitter;
    }

    private static void send(SseEmitter emitter, OrderView view) {
        try {
            emitter.send(SseEmitter.event().name("status").id(view.updatedAt().toString()).data(view));
            if (view.status().isTerminal()) {
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }

    private Optional<OrderView> find(String orderId) {
        return queries.query(new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderView.class)).join();
    }

    private static OrderView visible(Actor actor, Optional<OrderView> view, String orderId) {
        return view.filter(v -> actor.mayActOnOrderOf(v.userId()))
                .orElseThrow(() -> OrderNotFound.violation());
    }
}
