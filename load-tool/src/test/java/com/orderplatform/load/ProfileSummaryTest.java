package com.orderplatform.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileSummaryTest {

    @Test
    void threadsAreCountedToWhatTheyDo() {
        assertThat(ProfileSummary.componentOf("http-nio-8080-exec-12")).isEqualTo("request threads");
        assertThat(ProfileSummary.componentOf("EventProcessor[order-saga]-0")).isEqualTo("order saga");
        assertThat(ProfileSummary.componentOf("EventProcessor[order-view]-0")).isEqualTo("views");
        assertThat(ProfileSummary.componentOf("kafka-producer-network-thread | order-platform")).isEqualTo("Kafka publisher");
        assertThat(ProfileSummary.componentOf("data-plane-kafka-request-handler-3")).isEqualTo("Kafka broker");
        assertThat(ProfileSummary.componentOf("group-commit-1")).isEqualTo("group commit (placements, payment outcomes)");
        assertThat(ProfileSummary.componentOf("C2 CompilerThread0")).isEqualTo("JIT compiler");
        assertThat(ProfileSummary.componentOf("something-else")).isEqualTo("other threads");
    }
}
