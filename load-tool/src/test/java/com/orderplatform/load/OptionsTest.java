package com.orderplatform.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void aScenarioOptionWinsOverTheSameOptionForAll() {
        Options options = Options.parse(new String[] {"all", "--seconds=5", "--steady.seconds=60"}, 1)
                .requireKnown(LoadTool.OPTIONS, LoadTool.SCENARIOS);

        assertThat(options.forScenario("steady").integer("seconds", 1)).isEqualTo(60);
        assertThat(options.forScenario("ceiling").integer("seconds", 1)).isEqualTo(5);
        assertThat(options.forScenario("flash-sale").integer("users", 2000)).isEqualTo(2000);
    }

    @Test
    void aMisspeltOptionIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> Options.parse(new String[] {"steady", "--rate=30", "--output=x.json",
                "--steady.secs=60", "--stedy.rate=5"}, 1).requireKnown(LoadTool.OPTIONS, LoadTool.SCENARIOS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option(s) --output, --steady.secs, --stedy.rate;");
    }

    @Test
    void anArgumentThatIsNotNameEqualsValueIsRefused() {
        assertThatThrownBy(() -> Options.parse(new String[] {"steady", "--rate", "30"}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected --name=value");
    }
}
