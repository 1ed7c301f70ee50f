package io.amlcompute.provisioner.local.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DurableBackendOptionsTest {

    @Test
    void defaultsToAnInMemoryHubOnAnEphemeralPort() {
        DurableBackendOptions options = DurableBackendOptions.inMemory();

        assertThat(options.dataDirectory()).isNull();
        assertThat(options.port()).isZero();
        assertThat(options.taskHubName()).isEqualTo(DurableBackendOptions.DEFAULT_TASK_HUB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1hub", "my-hub", "my_hub", "ab"})
    void rejectsTaskHubNamesHostJsonWouldRefuse(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DurableBackendOptions(null, 0, Clock.systemUTC(), name))
                .withMessageContaining("taskHubName");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65_536})
    void rejectsPortsOutsideTheTcpRange(int port) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DurableBackendOptions.inMemory().withPort(port))
                .withMessageContaining("port");
    }
}
