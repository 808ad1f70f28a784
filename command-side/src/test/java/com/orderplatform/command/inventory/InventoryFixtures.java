package com.orderplatform.command.inventory;

import com.orderplatform.api.inventory.DefineProductCommand;
import com.orderplatform.api.inventory.ProductDefinedEvent;
import com.orderplatform.api.inventory.ReserveStockCommand;
import com.orderplatform.api.inventory.StockLevels;
import com.orderplatform.api.inventory.StockReservedEvent;
import com.orderplatform.api.order.OrderLine;
import java.util.List;

/** One SKU's ledger: 10 units at 199.00 EUR, at most 2 per customer (or no limit). */
final class InventoryFixtures {

    static final String SKU = "SKU-1";
    static final long PRICE_CENTS = 19900;
    static final DefineProductCommand DEFINE = new DefineProductCommand(SKU, "Phone", PRICE_CENTS, "EUR", 10, 2);
    static final ProductDefinedEvent DEFINED = new ProductDefinedEvent(SKU, "Phone", PRICE_CENTS, "EUR", 10, 2);
    static final ProductDefinedEvent DEFINED_UNLIMITED = new ProductDefinedEvent(SKU, "Phone", PRICE_CENTS, "EUR", 10, 0);

    private InventoryFixtures() {
    }

    static List<OrderLine> lines(int quantity) {
        return List.of(new OrderLine(SKU, quantity, PRICE_CENTS));
    }

    static ReserveStockCommand reserve(String orderId, String userId, int quantity) {
        return new ReserveStockCommand(orderId, userId, lines(quantity));
    }

    static StockReservedEvent reserved(String orderId, String userId, int quantity, StockLevels levels) {
        return new StockReservedEvent(SKU, orderId, userId, quantity, levels);
    }
}
