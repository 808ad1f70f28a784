package com.orderplatform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentBalancerTest {

    @Test
    void sharesAddUpToTheSegmentsSoThatEveryLiveInstanceGetsWorkWhereThereIsEnough() {
        List<String> three = List.of("c@host", "a@host", "b@host");
        assertThat(List.of(share(4, three, "a@host"), share(4, three, "b@host"), share(4, three, "c@host")))
                .containsExactly(2, 1, 1);
        List<String> two = List.of("b@host", "a@host");
        assertThat(List.of(share(4, two, "a@host"), share(4, two, "b@host"))).containsExactly(2, 2);
        assertThat(List.of(share(2, three, "a@host"), share(2, three, "b@host"), share(2, three, "c@host")))
                .containsExactly(1, 1, 0);
        assertThat(share(4, List.of("a@host"), "a@host")).isEqualTo(4);
    }

    @Test
    void anInstanceNotYetAmongTheLiveOnesCountsItself() {
        assertThat(share(4, List.of(), "a@host")).isEqualTo(4);
        assertThat(share(4, List.of("a@host"), "b@host")).isEqualTo(2);
    }

    private static int share(int segments, List<String> live, String instance) {
        return SegmentBalancer.shareOf(segments, live, instance);
    }
}
