package com.orderplatform.infra.ids;

import java.util.Collection;

/**
 * Which of {@link SnowflakeIdGenerator#ROUTES} routes an order travels: that of its first SKU in SKU order, carried
 * in the low bits of its id. The saga's segments are chosen by route (a segment serves the routes whose low bits
 * are its own), so every order of one SKU is served by one segment, in one instance at a time, and that SKU's ledger
 * is changed by that instance only: it stays in its cache instead of moving between instances at every batch
 * (docs/scaling.md). An order of several SKUs follows its first; its other SKUs' ledgers are shared with the
 * segments of their own routes, taken in turn under their locks as before.
 *
 * <p>Only the order id is needed to know the route, so that every event of an order — its own, its payment's, its
 * SKUs' — is sent to the same segment without a lookup. An id issued before routes existed, or one that is not a
 * number, has a route all the same (its low bits, or its hash's): a fixed function of the id, just not its SKU's.
 */
public final class OrderRoutes {

    private static final int MASK = SnowflakeIdGenerator.ROUTES - 1;

    private OrderRoutes() {
    }

    /** The route of an order of these SKUs: its first SKU's, in SKU order. */
    public static int ofSkus(Collection<String> skus) {
        String first = null;
        for (String sku : skus) {
            if (first == null || sku.compareTo(first) < 0) {
                first = sku;
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("an order has at least one SKU");
        }
        return ofSku(first);
    }

    /** A SKU's route: its hash, mixed so that SKUs named alike spread over the routes. */
    public static int ofSku(String sku) {
        return mix(sku.hashCode()) & MASK;
    }

    /** The route an order id carries: its low bits (a number's value modulo the routes, without allocating). */
    public static int ofOrderId(String orderId) {
        int length = orderId.length();
        if (length == 0 || length > 19) {
            return mix(orderId.hashCode()) & MASK;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = orderId.charAt(i);
            if (c < '0' || c > '9') {
                return mix(orderId.hashCode()) & MASK;
            }
            value = value * 10 + (c - '0');
        }
        return (int) (value & MASK);
    }

    /** MurmurHash3's finalizer: every bit of the input reaches the low bits. */
    private static int mix(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
