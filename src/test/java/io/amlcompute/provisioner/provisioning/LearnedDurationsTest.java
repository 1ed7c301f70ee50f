package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LearnedDurationsTest {

    private final ComputeRequest cluster = request("ensure-amlcompute.json");

    @Test
    void usesTheDefaultsUntilItHasSeenEnough() {
        LearnedDurations durations = LearnedDurations.inMemory();
        durations.record(DurationModel.keyOf(cluster), Duration.ofSeconds(30));
        durations.record(DurationModel.keyOf(cluster), Duration.ofSeconds(31));

        assertThat(durations.expected(cluster)).isEqualTo(ExpectedDuration.typicalFor(cluster.action(),
                cluster.operation().computeType()));
    }

    @Test
    void learnsTheMedianAndIgnoresAStuckOutlier() {
        LearnedDurations durations = LearnedDurations.inMemory();
        for (int seconds : new int[] {28, 30, 32, 29, 31, 1_200}) {
            durations.record(DurationModel.keyOf(cluster), Duration.ofSeconds(seconds));
        }

        ExpectedDuration expected = durations.expected(cluster);

        assertThat(expected.typical()).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(32));
        assertThat(expected.spread()).isLessThan(0.2);
    }

    @Test
    void keepsDifferentVmSizesApart() {
        LearnedDurations durations = LearnedDurations.inMemory();
        ComputeRequest bigger = request(Samples.with("ensure-amlcompute.json", "/compute/vmSize", "\"Standard_NC24\""), true);
        for (int i = 0; i < 3; i++) {
            durations.record(DurationModel.keyOf(cluster), Duration.ofSeconds(30));
            durations.record(DurationModel.keyOf(bigger), Duration.ofSeconds(150));
        }

        assertThat(durations.expected(cluster).typical()).isEqualTo(Duration.ofSeconds(30));
        assertThat(durations.expected(bigger).typical()).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void survivesARestartWhenPersisted(@TempDir Path dir) {
        Path file = dir.resolve("durations.json");
        LearnedDurations first = LearnedDurations.persistedIn(file);
        for (int i = 0; i < 3; i++) {
            first.record(DurationModel.keyOf(cluster), Duration.ofSeconds(42));
        }

        LearnedDurations again = LearnedDurations.persistedIn(file);

        assertThat(again.expected(cluster).typical()).isEqualTo(Duration.ofSeconds(42));
    }

    private static ComputeRequest request(String sample) {
        return request(Samples.text(sample), true);
    }

    private static ComputeRequest request(String body, boolean unused) {
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard()).parse(body, MessageEnvelope.NONE))
                .request();
    }
}
