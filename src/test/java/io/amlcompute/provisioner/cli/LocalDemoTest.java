package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.contract.validation.Samples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's scenarios: each waits only for one sent before it, and each sample exists. */
class LocalDemoTest {

    @Test
    void everyScenarioWaitsForAnEarlierOneOnTheSameCompute() {
        List<String> earlier = new ArrayList<>();
        for (LocalDemo.Scenario scenario : LocalDemo.SCENARIOS) {
            if (scenario.after() != null) {
                assertThat(earlier).as(scenario.title()).contains(scenario.after());
                LocalDemo.Scenario before = LocalDemo.SCENARIOS.stream()
                        .filter(s -> s.title().equals(scenario.after())).findFirst().orElseThrow();
                assertThat(before.computeKey()).as(scenario.title()).isEqualTo(scenario.computeKey());
            }
            earlier.add(scenario.title());
            assertThat(Samples.DIRECTORY.resolve(scenario.sample())).exists();
        }
    }

    @Test
    void theInstanceIsCreatedStoppedAndStartedInThatOrder() {
        assertThat(LocalDemo.SCENARIOS).filteredOn(s -> "ci-alice".equals(s.computeKey()))
                .extracting(LocalDemo.Scenario::expectedOutcome).containsExactly("created", "stopped", "started");
    }
}
