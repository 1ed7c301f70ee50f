package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.contract.validation.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's scenarios: each sample exists, and the instance's requests come in the order of its day. */
class LocalDemoTest {

    @Test
    void everyScenarioSampleExists() {
        assertThat(LocalDemo.SCENARIOS).allSatisfy(s -> assertThat(Samples.DIRECTORY.resolve(s.sample())).exists());
        assertThat(InstanceDemo.STEPS).allSatisfy(s -> assertThat(Samples.DIRECTORY.resolve(s.sample())).exists());
    }

    @Test
    void theInstanceIsCreatedStoppedAndStartedInThatOrder() {
        assertThat(InstanceDemo.STEPS).extracting(s -> Samples.load(s.sample()).path("action").asText()
                + "/" + s.expectedOutcome()).containsExactly("ensure/created", "stop/stopped", "start/started");
        assertThat(InstanceDemo.STEPS).extracting(s -> Samples.load(s.sample()).at("/compute/type")
                .asText()).containsOnly("ComputeInstance");
    }
}
