package com.orderplatform.saga;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saga's persistent deadline: a durable recurring task (db-scheduler, so one instance runs it at a time and it
 * survives restarts) looks for sagas that have waited for a charge's outcome longer than the charge deadline and
 * expires their payments, and for sagas PARKED longer than the maximum park (the provider stayed unreachable).
 * One sweep replaces a scheduled task per order: nothing is written or fired for the orders whose payments are
 * answered in time, which is nearly all of them.
 */
final class ChargeDeadlineSweep {

    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(ChargeDeadlineSweep.class);

    private final OrderSagaStore store;
    private final CommandGateway commands;
    private final OrderSagaProperties properties;
    private final Clock clock;

    ChargeDeadlineSweep(OrderSagaStore store, CommandGateway commands, OrderSagaProperties properties, Clock clock) {
        this.store = store;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many overdue sagas it found. */
    int sweep() {
        List<OrderSagaState> overdue = new ArrayList<>(store.inStepSince(OrderSagaStep.CHARGING_PAYMENT,
                clock.instant().minus(properties.chargeDeadline()), BATCH));
        overdue.addAll(store.inStepSince(OrderSagaStep.PARKED, clock.instant().minus(properties.maxPark()), BATCH));
        for (OrderSagaState saga : overdue) {
            OrderSagaDecisions.chargeOverdue(saga).ifPresent(command -> {
                log.warn("Order {}: no outcome of its charge within {} ({} parked at most); expiring the payment",
                        saga.orderId(), properties.chargeDeadline(), properties.maxPark());
                commands.sendAndWait(command);
            });
        }
        return overdue.size();
    }
}
