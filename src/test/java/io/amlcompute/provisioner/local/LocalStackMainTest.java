package io.amlcompute.provisioner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalStackMainTest {

    @Test
    void readsEveryOption() {
        LocalStackOptions options = LocalStackMain.parse(new String[]{"--app-dir", "/app", "--data-dir", "/data",
                "--provisioning-time", "PT10S", "--service-bus-port", "5672", "--arm-port", "8085",
                "--durable-port", "4001", "--http-port", "7071"});

        assertThat(options.appDirectory()).isEqualTo(Path.of("/app"));
        assertThat(options.dataDirectory()).isEqualTo(Path.of("/data"));
        assertThat(options.provisioningTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.serviceBusPort()).isEqualTo(5672);
        assertThat(options.armPort()).isEqualTo(8085);
        assertThat(options.durablePort()).isEqualTo(4001);
        assertThat(options.httpPort()).isEqualTo(7071);
        assertThat(options.functionKey()).isNull();
    }

    @Test
    void startsFromTheDefaultsWithoutArguments() {
        assertThat(LocalStackMain.parse(new String[0])).isEqualTo(LocalStackOptions.defaults());
    }

    @Test
    void refusesUnknownOptionsMissingValuesAndBadValuesNamingTheProblem() {
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.parse(new String[]{"--verbose", "x"}))
                .withMessageContaining("--verbose");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.parse(new String[]{"--data-dir"}))
                .withMessageContaining("--data-dir");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.parse(
                new String[]{"--provisioning-time", "3s"})).withMessageContaining("ISO-8601");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.parse(
                new String[]{"--arm-port", "eighty"})).withMessageContaining("--arm-port");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalStackMain.parse(
                new String[]{"--http-port", "70000"})).withMessageContaining("70000");
    }
}
