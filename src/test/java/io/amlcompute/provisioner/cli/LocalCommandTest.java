package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.validation.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code computectl local} started in-process, and the other commands against it: the CLI end to end through the
 * real function app on the local stack (its trigger, orchestration, publisher and status API).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalCommandTest {

    private CliRun.Running local;
    private JsonNode endpoints;

    @BeforeAll
    void startTheStack() {
        local = CliRun.start(Map.of(), "computectl local: running", "local", "--provisioning-time", "1s");
        assertThat(local.exit()).as(local.err().toString()).isNotDone();
        endpoints = Samples.tree(local.out().toString().strip());
    }

    @AfterAll
    void stopTheStack() throws Exception {
        CliRun.Result result = local.stop(Duration.ofSeconds(60));
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("computectl local: stopped");
    }

    @Test
    void printsOneLineWithTheEndpointsAndSaysHowToUseThem() {
        assertThat(local.out().toString().lines()).hasSize(1);
        assertThat(endpoints.get("serviceBusConnectionString").asText()).startsWith("Endpoint=sb://127.0.0.1:");
        assertThat(endpoints.get("armEndpoint").asText()).startsWith("http://127.0.0.1:");
        assertThat(endpoints.get("functionKey").asText()).isNotBlank();
        assertThat(local.err().toString()).contains("export SERVICEBUS_CONNECTION_STRING=")
                .doesNotContain(endpoints.get("functionKey").asText());
    }

    @Test
    void sendWaitAndStatusFollowARequestThroughTheApp() {
        Map<String, String> variables = variables();
        String delete = Samples.DIRECTORY.resolve("delete-amlcompute.json").toString();

        CliRun.Result sent = CliRun.run(variables, "send", delete, "--wait", "--timeout", "60s");
        CliRun.Result waited = CliRun.run(variables, "wait", "demo-delete-aml-cluster-001", "--timeout", "20s");
        // The event is published before the orchestration records its end: status may say RUNNING for a moment.
        CliRun.Result status = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> CliRun.run(variables, "status", "demo-delete-aml-cluster-001", "--url",
                                endpoints.get("statusApiBaseUrl").asText(), "--key",
                                endpoints.get("functionKey").asText()),
                        run -> run.exitCode() != 0 || !run.json().get("runtimeStatus").asText().equals("RUNNING"));

        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.json().get("type").asText()).isEqualTo("io.amlcompute.compute.deleted");
        assertThat(waited.exitCode()).as(waited.err()).isZero();
        assertThat(waited.json().get("id").asText()).isEqualTo(sent.json().get("id").asText());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.json().get("runtimeStatus").asText()).isEqualTo("COMPLETED");
        assertThat(status.json().get("event").get("id").asText()).isEqualTo(sent.json().get("id").asText());
    }

    @Test
    void theAppsRejectionEndsSendWaitWithExitOne(@TempDir Path dir) throws IOException {
        // Its own requestId: the queue's duplicate detection drops a second message with the same MessageId.
        String body = Samples.with("delete-amlcompute.json", "/workspace/workspaceName", "\"mlw-not-allowed\"");
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.json"),
                body.replace("demo-delete-aml-cluster-001", "demo-delete-elsewhere-001"));

        CliRun.Result result = CliRun.run(variables(), "send", elsewhere.toString(), "--no-policy", "--wait",
                "--timeout", "60s");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.json().get("type").asText()).isEqualTo("io.amlcompute.request.rejected");
        assertThat(result.json().get("data").get("errors").findValuesAsText("code"))
                .contains("POLICY_WORKSPACE_NOT_ALLOWED");
    }

    @Test
    void statusOfAnUnknownRequestExitsThree() {
        CliRun.Result result = CliRun.run(Map.of(), "status", "never-sent", "--url",
                endpoints.get("statusApiBaseUrl").asText(), "--key", endpoints.get("functionKey").asText());

        assertThat(result.exitCode()).isEqualTo(3);
    }

    private Map<String, String> variables() {
        Map<String, String> variables = new HashMap<>(CliRun.SAMPLE_POLICY);
        variables.put(ServiceBusOptions.CONNECTION_STRING_VARIABLE,
                endpoints.get("serviceBusConnectionString").asText());
        return variables;
    }
}
