package com.orderplatform.api.inventory;

public record StockLevels(long available, long reserved, long sold) {

    public long total() {
        return available + reserved + sold;
    }
}
