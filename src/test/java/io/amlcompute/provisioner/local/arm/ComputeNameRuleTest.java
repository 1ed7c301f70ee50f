package io.amlcompute.provisioner.local.arm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComputeNameRuleTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "cpu, true",
            "cpu-cluster, true",
            "cpu-1a, true",
            "Cpu2, true",
            "abcdefghijklmnopqrstuvwx, true",
            "ab, false",
            "abcdefghijklmnopqrstuvwxy, false",
            "1cpu, false",
            "-cpu, false",
            "cpu-1, false",
            "cpu-cluster-42, false",
            "cpu_cluster, false",
            "cpü, false",
    })
    void followsThe2026ComputeNamePattern(String name, boolean valid) {
        assertThat(ComputeNameRule.isValid(name)).isEqualTo(valid);
    }
}
