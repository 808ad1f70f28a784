package com.orderplatform.api.inventory;

public final class Skus {

    /** Starts with a letter, so a SKU can never equal an order id (digits) in the shared aggregate id space. */
    public static final String PATTERN = "[A-Za-z][A-Za-z0-9._-]{0,63}";

    private Skus() {
    }
}
