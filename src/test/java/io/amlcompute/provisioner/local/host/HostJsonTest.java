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

    /** What the Functions host reads from host.json but the local host does not model: checked on the raw file. */
    @Test
    void theAppsHostJsonPinsTheBundleCompletesMessagesAndQuietsTheSdks() throws Exception {
        com.fasterxml.jackson.databind.JsonNode root = Json.MAPPER.readTree(Path.of("host.json").toFile());

        assertThat(root.path("version").asText()).isEqualTo("2.0");
        assertThat(root.path("extensionBundle").path("id").asText()).isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
        assertThat(root.path("extensionBundle").path("version").asText()).isEqualTo("[4.32.0, 5.0.0)");
        // The trigger returns normally for a rejected request so the host completes it; a throw abandons it.
        com.fasterxml.jackson.databind.JsonNode autoComplete =
                root.path("extensions").path("serviceBus").path("autoCompleteMessages");
        assertThat(autoComplete.isMissingNode() || autoComplete.asBoolean(false)).as("autoCompleteMessages").isTrue();
        com.fasterxml.jackson.databind.JsonNode levels = root.path("logging").path("logLevel");
        assertThat(levels.path("default").asText()).isEqualTo("Information");
        assertThat(levels.path("Function").asText()).isEqualTo("Information");
        assertThat(levels.path("Host.Results").asText()).isEqualTo("Information");
        for (String chatty : java.util.List.of("Host.Aggregator", "Azure.Core", "Azure.Messaging.ServiceBus",
                "DurableTask.Core", "DurableTask.AzureStorage")) {
            assertThat(levels.path(chatty).asText()).as(chatty).isEqualTo("Warning");
        }
        com.fasterxml.jackson.databind.JsonNode sampling =
                root.path("logging").path("applicationInsights").path("samplingSettings");
        assertThat(sampling.path("isEnabled").asBoolean(false)).isTrue();
        assertThat(sampling.path("excludedTypes").asText().split(";")).contains("Request", "Exception");
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
