package com.orderplatform.command.order;

import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.PlaceOrderCommand;
import com.orderplatform.command.inventory.CatalogEntry;
import com.orderplatform.command.inventory.CatalogRepository;
import com.orderplatform.infra.error.RuleViolation;
import com.orderplatform.infra.ids.IdGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The synchronous part of placing an order: prices come from the catalog, the id from the generator, and the
 * reply is sent only after {@code OrderPlacedEvent} is stored.
 */
class OrderPlacement {

    private final CatalogRepository catalog;
    private final IdGenerator ids;
    private final CommandGateway commands;

    OrderPlacement(CatalogRepository catalog, IdGenerator ids, CommandGateway commands) {
        this.catalog = catalog;
        this.ids = ids;
        this.commands = commands;
    }

    String place(String userId, PlaceOrderRequest request) {
        Priced priced = price(request.items());
        String orderId = Long.toString(ids.nextId());
        commands.sendAndWait(new PlaceOrderCommand(orderId, userId, priced.lines(), priced.totalCents(),
                priced.currency(), request.paymentMethod()));
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
            CatalogEntry product = catalog.findById(item.sku()).orElseThrow(() ->
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
