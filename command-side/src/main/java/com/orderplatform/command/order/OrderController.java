package com.orderplatform.command.order;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.api.order.Actor;
import com.orderplatform.api.order.CompleteOrderCommand;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.order.RequestOrderCancellationCommand;
import com.orderplatform.api.order.ShipOrderCommand;
import com.orderplatform.infra.axon.GroupCommit;
import com.orderplatform.infra.idempotency.IdempotencyFilter;
import com.orderplatform.infra.idempotency.StoredResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
class OrderController {

    static final long MAX_QUANTITY = 1000;
    static final String ORDER_ID = "[0-9]{1,19}";

    private final OrderPlacement placement;
    private final GroupCommit commands;

    OrderController(OrderPlacement placement, GroupCommit commands) {
        this.placement = placement;
        this.commands = commands;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<?> place(Actor actor, @RequestHeader(IdempotencyFilter.HEADER) String idempotencyKey,
                            @Valid @RequestBody PlaceOrderRequest request) {
        OrderPlacement.Placed placed = placement.place(actor.userId(), idempotencyKey, request);
        if (placed instanceof OrderPlacement.Placed.Replayed replayed) {
            StoredResponse answer = replayed.answer();
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
        String orderId = ((OrderPlacement.Placed.Accepted) placed).orderId();
        return ResponseEntity.accepted()
                .location(URI.create("/api/orders/" + orderId))
                .body(new OrderAccepted(orderId, OrderStatus.PENDING));
    }

    @PostMapping("/{orderId}/cancel")
    ResponseEntity<Map<String, String>> cancel(Actor actor, @PathVariable String orderId) {
        commands.sendAndWait(new RequestOrderCancellationCommand(known(orderId), actor));
        return accepted(orderId);
    }

    @PostMapping("/{orderId}/ship")
    ResponseEntity<Map<String, String>> ship(Actor actor, @PathVariable String orderId) {
        commands.sendAndWait(new ShipOrderCommand(known(orderId), actor));
        return accepted(orderId);
    }

    @PostMapping("/{orderId}/complete")
    ResponseEntity<Map<String, String>> complete(Actor actor, @PathVariable String orderId) {
        commands.sendAndWait(new CompleteOrderCommand(known(orderId), actor));
        return accepted(orderId);
    }

    private static String known(String orderId) {
        if (!orderId.matches(ORDER_ID)) {
            throw RuleViolation.notFound("ORDER_NOT_FOUND", "No order " + orderId + ".");
        }
        return orderId;
    }

    private static ResponseEntity<Map<String, String>> accepted(String orderId) {
        return ResponseEntity.accepted().body(Map.of("orderId", orderId));
    }

    record OrderAccepted(String orderId, OrderStatus status) {
    }
}
