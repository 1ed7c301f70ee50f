package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.amqp.AmqpRetryMode;
import io.amlcompute.provisioner.contract.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostJsonTest {

    @Test
    void readsTheAppsHostJson() throws Exception {
        HostJson hostJson = HostJson.read(Path.of("host.json"));

        assertThat(hostJson.taskHubName()).isEqualTo("AmlComputeProvisioner");
        assertThat(hostJson.routePrefix()).isEqualTo("api");
        assertThat(hostJson.serviceBus().maxConcurrentCalls()).isEqualTo(16);
        assertThat(hostJson.serviceBus().prefetchCount()).isZero();
        assertThat(hostJson.serviceBus().maxAutoLockRenewalDuration()).isEqualTo(Duration.ofMinutes(5));
        HostJson.RetryOptions retry = hostJson.serviceBus().clientRetryOptions();
        assertThat(retry.mode()).isEqualTo(AmqpRetryMode.EXPONENTIAL);
        assertThat(retry.tryTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.delay()).isEqualTo(Duration.ofMillis(800));
        assertThat(retry.maxDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.maxRetries()).isEqualTo(3);
    }

    @Test
    void fillsWhatIsAbsentWithTheDefaults() throws Exception {
        HostJson hostJson = HostJson.parse(Json.MAPPER.readTree("{\"version\":\"2.0\"}"));

        assertThat(hostJson).isEqualTo(HostJson.defaults());
    }

    @Test
    void runsAsManyDurableWorkersAsTheLargerConcurrencyLimitUpToTheCap() throws Exception {
        assertThat(HostJson.parse(Json.MAPPER.readTree("{\"extensions\":{\"durableTask\":{"
                + "\"maxConcurrentActivityFunctions\":3,\"maxConcurrentOrchestratorFunctions\":2}}}")).durableWorkers())
                .isEqualTo(3);
        assertThat(HostJson.parse(Json.MAPPER.readTree("{\"extensions\":{\"durableTask\":{"
                + "\"maxConcurrentActivityFunctions\":100}}}")).durableWorkers()).isEqualTo(HostJson.MAX_DURABLE_WORKERS);
    }

    @Test
    void readsDotNetTimeSpans() throws Exception {
        assertThat(HostJson.timeSpan(Json.MAPPER.readTree("\"1.02:03:04.5\""), null))
                .isEqualTo(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(500));
        assertThat(HostJson.timeSpan(Json.MAPPER.readTree("\"00:00:00.0000001\""), null)).isEqualTo(Duration.ofNanos(100));
    }
}
