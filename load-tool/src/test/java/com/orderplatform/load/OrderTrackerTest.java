package com.orderplatform.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OrderTrackerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theViewsHaveCaughtUpOnlyWhenNoSegmentIsBehind() throws Exception {
        assertThat(OrderTracker.caughtUp(processors(0, 0))).isTrue();
        assertThat(OrderTracker.caughtUp(processors(0, 3))).isFalse();
    }

    @Test
    void aSegmentWithoutALagFigureDoesNotHoldTheWait() throws Exception {
        JsonNode processors = JSON.readTree("""
                [{"name":"order-view","segments":[{"segment":0,"lag":null}]},
                 {"name":"audit","mode":"subscribing","segments":[]}]""");

        assertThat(OrderTracker.caughtUp(processors)).isTrue();
    }

    private static JsonNode processors(long orderViewLag, long productViewLag) throws Exception {
        return JSON.readTree("""
                [{"name":"order-view","segments":[{"segment":0,"lag":%d}]},
                 {"name":"product-view","segments":[{"segment":0,"lag":0},{"segment":1,"lag":%d}]}]"""
                .formatted(orderViewLag, productViewLag));
    }
}
