package com.orderplatform.command.order;

import com.orderplatform.api.order.Actor;
import com.orderplatform.api.order.CompleteOrderCommand;
import com.orderplatform.api.order.OrderNotFound;
import com.orderplatform.api.order.RequestOrderCancellationCommand;
import com.orderplatform.api.order.ShipOrderCommand;
import com.orderplatform.infra.axon.GroupCommit;
import com.orderplatform.infra.security.AdminOnly;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What happens to an order after it is placed: a customer cancels or completes it, an admin ships it. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    static final String ORDER_ID = "[0-9]{1,19}";

    private final GroupCommit commands;

    OrderController(GroupCommit commands) {
        this.commands = commands;
    }

    @PostMapping("/{orderId}/cancel")
    ResponseEntity<Map<String, String>> cancel(Actor actor, @PathVariable String orderId) {
        return send(new RequestOrderCancellationCommand(known(orderId), actor), orderId);
    }

    @AdminOnly
    @PostMapping("/{orderId}/ship")
    ResponseEntity<Map<String, String>> ship(Actor actor, @PathVariable String orderId) {
        return send(new ShipOrderCommand(known(orderId), actor), orderId);
    }

    @PostMapping("/{orderId}/complete")
    ResponseEntity<Map<String, String>> complete(Actor actor, @PathVariable String orderId) {
        return send(new CompleteOrderCommand(known(orderId), actor), orderId);
    }

    private static String known(String orderId) {
        if (!orderId.matches(ORDER_ID)) {
            throw OrderNotFound.violation();
        }
        return orderId;
    }

    /** An order that does not exist is answered exactly as one the caller may not see (the aggregate's answer). */
    private ResponseEntity<Map<String, String>> send(Object command, String orderId) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException noSuchOrder) {
            throw OrderNotFound.violation();
        }
        return ResponseEntity.accepted().body(Map.of("orderId", orderId));
    }
}
