package com.orderplatform.command.payment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider's outcomes this instance recorded from its own calls' answers, the last {@value #KEPT}: the webhook
 * the provider sends for each of them too is then acknowledged without recording it a second time (which would change
 * nothing, at the cost of a command and its transaction per order). An outcome recorded elsewhere, or a late one, is
 * not here and goes through the Payment aggregate as usual.
 */
class RecordedOutcomes {

    static final int KEPT = 50_000;
    static final String CHARGED = "charged";
    static final String DECLINED = "declined";
    static final String REFUNDED = "refunded";

    private final Map<String, Boolean> recorded = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void add(String orderId, String outcome) {
        recorded.put(orderId + " " + outcome, Boolean.TRUE);
    }

    synchronized boolean contains(String orderId, String outcome) {
        return recorded.containsKey(orderId + " " + outcome);
    }
}
