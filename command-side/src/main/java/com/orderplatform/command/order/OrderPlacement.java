package com.orderplatform.command.order;

import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.PlaceOrderCommand;
import com.orderplatform.command.inventory.CatalogEntry;
import com.orderplatform.command.inventory.GateKeeper;
import com.orderplatform.infra.gate.GateResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import com.orderplatform.infra.error.RuleViolation;
import com.orderplatform.infra.ids.IdGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The synchronous part of placing an order: prices come from the catalog, the Redis gate turns away sold-out and
 * over-limit requests before any order exists, and the reply is sent only after {@code OrderPlacedEvent} is
 * stored. If placing fails after the gate admitted the order, the gate gets its units back.
 */
class OrderPlacement {

    private final Catalog catalog;
    private final IdGenerator ids;
    private final GateKeeper gate;
    private final CommandGateway commands;

    OrderPlacement(Catalog catalog, IdGenerator ids, GateKeeper gate, CommandGateway commands) {
        this.catalog = catalog;
        this.ids = ids;
        this.gate = gate;
        this.commands = commands;
    }

    /** Looks a product up by SKU. */
    interface Catalog {
        Optional<CatalogEntry> find(String sku);
    }

    String place(String userId, PlaceOrderRequest request) {
        Priced priced = price(request.items());
        String orderId = Long.toString(ids.nextId());
        Map<String, Integer> quantities = new LinkedHashMap<>();
        priced.lines().forEach(line -> quantities.put(line.sku(), line.quantity()));
        GateResult gated = gate.reserve(orderId, userId, quantities);
        switch (gated.outcome()) {
            case SOLD_OUT -> throw RuleViolation.conflict("SOLD_OUT", "SKU " + gated.sku() + " is sold out.");
            case LIMIT_EXCEEDED -> throw RuleViolation.conflict("LIMIT_EXCEEDED",
                    "This order would take you past the per-customer limit of SKU " + gated.sku() + ".");
            default -> { }
        }
        try {
            commands.sendAndWait(new PlaceOrderCommand(orderId, userId, priced.lines(), priced.totalCents(),
                    priced.currency(), request.paymentMethod()));
        } catch (RuntimeException e) {
            gate.release(orderId, quantities.keySet());
            throw e;
        }
        return orderId;
    }

    private Priced price(List<PlaceOrderRequest.Item> items) {
        Set<String> seen = new HashSet<>();
        Set<String> currencies = new HashSet<>();
        List<OrderLine> lines = new ArrayList<>(items.size());
        for (PlaceOrderRequest.Item item : items) {
            if (!seen.add(item.sku())) {
                throw RuleViolation.invalid("DUPLICATE_SKU", "SKU " + item.sku() + " appears more than once.");
            }
            CatalogEntry product = catalog.find(item.sku()).orElseThrow(() ->
                    RuleViolation.unprocessable("UNKNOWN_SKU", "No product with SKU " + item.sku() + "."));
            currencies.add(product.currency());
            lines.add(new OrderLine(product.sku(), item.quantity(), product.priceCents()));
        }
        if (currencies.size() > 1) {
            throw RuleViolation.unprocessable("MIXED_CURRENCIES", "All items of one order must share a currency.");
        }
        long total = lines.stream().mapToLong(OrderLine::lineTotalCents).reduce(0L, Math::addExact);
        return new Priced(lines, total, currencies.iterator().next());
    }

    private record Priced(List<OrderLine> lines, long totalCents, String currency) {
    }
}
