package com.orderplatform.command.order;

import com.orderplatform.api.order.ConfirmOrderCommand;
import com.orderplatform.api.order.OrderLine;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Confirming a paid order sells its reserved units and makes it PAID, in one unit of work and one transaction:
 * the ledger never shows units sold for an order that is not paid, nor the other way round. A confirmation that
 * comes after the customer asked to cancel changes neither (the saga then refunds and releases).
 */
class OrderConfirmation {

    /** Sells the units an order reserved, in the caller's unit of work ({@code StockLedger::commit}). */
    interface Stock {
        void sell(String orderId, List<OrderLine> lines);
    }

    private final Repository<Order> orders;
    private final Stock stock;

    OrderConfirmation(Repository<Order> orders, Stock stock) {
        this.orders = orders;
        this.stock = stock;
    }

    @CommandHandler
    void handle(ConfirmOrderCommand command) {
        Aggregate<Order> order = orders.load(command.orderId());
        if (order.invoke(Order::awaitsConfirmation)) {
            stock.sell(command.orderId(), command.lines());
        }
        order.execute(Order::confirm);
    }
}
