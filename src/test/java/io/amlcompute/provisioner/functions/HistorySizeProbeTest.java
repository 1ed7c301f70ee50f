package io.amlcompute.provisioner.functions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe the benchmarks use measures a real orchestration: more polls, more history. */
class HistorySizeProbeTest {

    @Test
    void eachStatusReadAddsToTheHistoryButLittle() throws Exception {
        long one = HistorySizeProbe.typicalEnsure(1);
        long ten = HistorySizeProbe.typicalEnsure(10);

        assertThat(ten).isGreaterThan(one);
        assertThat((ten - one) / 9).as("bytes per poll: a timer, a read's input and its result").isLessThan(1_000);
    }
}
