package com.orderplatform.command.placement;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.Actor;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.infra.idempotency.IdempotencyFilter;
import com.orderplatform.infra.idempotency.StoredResponse;
import com.orderplatform.infra.security.CustomerOnly;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/orders}: a new order is accepted (202, PENDING), or the answer first given to its key again. */
@RestController
class PlacementController {

    private final OrderPlacement placement;
    private final Counter accepted;
    private final Counter replayed;
    private final Counter soldOut;
    private final Counter overLimit;
    private final Counter refused;
    private final Counter failed;

    PlacementController(OrderPlacement placement, MeterRegistry meters) {
        this.placement = placement;
        this.accepted = outcome(meters, "accepted");
        this.replayed = outcome(meters, "replayed");
        this.soldOut = outcome(meters, "sold_out");
        this.overLimit = outcome(meters, "over_limit");
        this.refused = outcome(meters, "refused");
        this.failed = outcome(meters, "error");
    }

    /** {@code orders.placements} by outcome; {@code rate_limited} is counted by the edge's rate limit filter. */
    static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("orders.placements").tag("outcome", outcome).description("Placements by outcome")
                .register(meters);
    }

    @CustomerOnly
    @PostMapping(path = "/api/orders", consumes = "application/json")
    ResponseEntity<?> place(Actor actor, @RequestHeader(IdempotencyFilter.HEADER) String idempotencyKey,
                            @Valid @RequestBody PlaceOrderRequest request) {
        OrderPlacement.Placed placed;
        try {
            placed = placement.place(actor.userId(), idempotencyKey, request);
        } catch (RuleViolation violation) {
            (switch (violation.code()) {
                case "SOLD_OUT" -> soldOut;
                case "LIMIT_EXCEEDED" -> overLimit;
                default -> refused;
            }).increment();
            throw violation;
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        }
        if (placed instanceof OrderPlacement.Placed.Replayed again) {
            replayed.increment();
            return again(again.answer());
        }
        accepted.increment();
        String orderId = ((OrderPlacement.Placed.Accepted) placed).orderId();
        return ResponseEntity.accepted()
                .location(URI.create("/api/orders/" + orderId))
                .body(new OrderAccepted(orderId, OrderStatus.PENDING));
    }

    private static ResponseEntity<byte[]> again(StoredResponse answer) {
        ResponseEntity.BodyBuilder again = ResponseEntity.status(answer.status())
                .header(IdempotencyFilter.REPLAYED, "true");
        if (answer.location() != null) {
            again.location(URI.create(answer.location()));
        }
        if (answer.contentType() != null) {
            again.contentType(MediaType.parseMediaType(answer.contentType()));
        }
        return again.body(answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8));
    }

    record OrderAccepted(String orderId, OrderStatus status) {
    }
}
