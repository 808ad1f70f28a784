package com.orderplatform.command.inventory;

import com.orderplatform.api.inventory.ReleaseStockCommand;
import com.orderplatform.api.inventory.ReserveStockCommand;
import com.orderplatform.api.order.OrderLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Applies an order's stock step to every SKU it names, in one unit of work and so in one database transaction:
 * all lines or none. SKUs are loaded in sorted order so two orders never wait on each other's locks. Selling the
 * reserved units is part of confirming the order, in the same transaction ({@link #commit}).
 */
public class StockLedger {

    private final Repository<InventoryItem> items;

    StockLedger(Repository<InventoryItem> items) {
        this.items = items;
    }

    @CommandHandler
    void handle(ReserveStockCommand command) {
        List<OrderLine> lines = sortedBySku(command.lines());
        List<Aggregate<InventoryItem>> loaded = load(lines);
        List<InventoryItem.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            verdicts.add(loaded.get(i).invoke(item -> item.assess(command.orderId(), command.userId(), line.quantity())));
        }
        for (int i = 0; i < lines.size(); i++) {
            if (verdicts.get(i).refuses()) {
                OrderLine line = lines.get(i);
                loaded.get(i).execute(item -> item.reject(command.orderId(), command.userId(), line.quantity()));
                return;
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            loaded.get(i).execute(item -> item.reserve(command.orderId(), command.userId(), line.quantity()));
        }
    }

    /** The order's reserved units become sold; called in the unit of work that confirms the order. */
    public void commit(String orderId, List<OrderLine> lines) {
        load(sortedBySku(lines)).forEach(a -> a.execute(item -> item.commit(orderId)));
    }

    @CommandHandler
    void handle(ReleaseStockCommand command) {
        load(sortedBySku(command.lines())).forEach(a -> a.execute(item -> item.release(command.orderId())));
    }

    private List<Aggregate<InventoryItem>> load(List<OrderLine> lines) {
        return lines.stream().map(line -> items.load(line.sku())).toList();
    }

    private static List<OrderLine> sortedBySku(List<OrderLine> lines) {
        return lines.stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
    }
}
