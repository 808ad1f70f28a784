package com.orderplatform.command.placement;

import com.orderplatform.api.order.Actor;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.infra.idempotency.IdempotencyFilter;
import com.orderplatform.infra.idempotency.StoredResponse;
import com.orderplatform.infra.security.CustomerOnly;
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

    PlacementController(OrderPlacement placement) {
        this.placement = placement;
    }

    @CustomerOnly
    @PostMapping(path = "/api/orders", consumes = "application/json")
    ResponseEntity<?> place(Actor actor, @RequestHeader(IdempotencyFilter.HEADER) String idempotencyKey,
                            @Valid @RequestBody PlaceOrderRequest request) {
        OrderPlacement.Placed placed = placement.place(actor.userId(), idempotencyKey, request);
        if (placed instanceof OrderPlacement.Placed.Replayed replayed) {
            return again(replayed.answer());
        }
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
