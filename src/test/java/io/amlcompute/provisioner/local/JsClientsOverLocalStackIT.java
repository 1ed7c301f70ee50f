package io.amlcompute.provisioner.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.nodejs.NodeProject;
import io.amlcompute.provisioner.nodejs.NodeRun;
import io.amlcompute.provisioner.nodejs.ScenarioReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole app driven from JavaScript with {@code @azure/service-bus}, as people who are not Java developers use it:
 * the end-to-end scenarios of {@code src/test/js/servicebus/app-end-to-end.mjs}, and the samples in
 * {@code samples/clients/js} exactly as the README runs them against {@code computectl local}.
 */
class JsClientsOverLocalStackIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final String DOOMED_COMPUTE = "js-doomed";

    private static LocalStack stack;

    @TempDir
    Path requests;

    @BeforeAll
    static void startTheStack() throws IOException {
        stack = LocalStack.start(LocalStackOptions.defaults().withProvisioningTime(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, String> serviceBus() {
        return Map.of("SERVICEBUS_CONNECTION_STRING", stack.serviceBusConnectionString());
    }

    @TestFactory
    Stream<DynamicTest> theAppEndToEndFromJavaScript() {
        NodeRun run = NodeProject.testSuite("servicebus").run("app-end-to-end.mjs", List.of(),
                NodeProject.environment(Map.of(
                        "SERVICEBUS_CONNECTION_STRING", stack.serviceBusConnectionString(),
                        "REQUEST_FILE", Path.of("samples", "requests", "attach-databricks.json").toAbsolutePath()
                                .toString())),
                RUN_TIMEOUT);
        return ScenarioReport.of(run).tests();
    }

    @Test
    void theProducerSampleSendsARequestAndPrintsItsEventFromItsReplySession() throws IOException {
        NodeProject samples = NodeProject.prepare("samples/clients/js", "samples-clients-js");
        Path request = sample("attach-virtualmachine", "js-producer-vm", null);

        NodeRun run = samples.run("producer.mjs", List.of(request.toString(), "--timeout", "90"), serviceBus(),
                RUN_TIMEOUT);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode event = onlyJsonLine(run);
        assertThat(event.path("type").asText()).isEqualTo("io.amlcompute.compute.ready");
        assertThat(event.path("data").path("requestId").asText()).isEqualTo("js-producer-vm");
        assertThat(event.path("data").path("outcome").asText()).isEqualTo("attached");
    }

    @Test
    void theConsumerSampleReceivesTheFailedEventAndNothingElse() throws IOException {
        NodeProject samples = NodeProject.prepare("samples/clients/js", "samples-clients-js");
        stack.armEmulator().faults().add(FaultRule.on("PUT", ".*/computes/" + DOOMED_COMPUTE)
                .error(400, "QuotaExceeded", "Operation results in exceeding quota limits of Core.").always());
        Path ready = sample("attach-databricks", "js-consumer-ready", null);
        Path doomed = sample("ensure-amlcompute", "js-consumer-doomed", DOOMED_COMPUTE);
        NodeProject.Running consumer = samples.start("consumer.mjs",
                List.of("--max-events", "1", "--timeout", "90"), serviceBus());

        NodeRun readyRun = samples.run("producer.mjs", List.of(ready.toString(), "--timeout", "90"), serviceBus(),
                RUN_TIMEOUT);
        NodeRun doomedRun = samples.run("producer.mjs", List.of(doomed.toString(), "--timeout", "90"), serviceBus(),
                RUN_TIMEOUT);
        NodeRun consumed = consumer.finish(RUN_TIMEOUT);

        assertThat(readyRun.exitCode()).as(readyRun.describe()).isZero();
        assertThat(doomedRun.exitCode()).as("a failed request exits 1: " + doomedRun.describe()).isEqualTo(1);
        assertThat(consumed.exitCode()).as(consumed.describe()).isZero();
        JsonNode event = onlyJsonLine(consumed);
        assertThat(event.path("type").asText()).isEqualTo("io.amlcompute.compute.failed");
        assertThat(event.path("data").path("requestId").asText()).isEqualTo("js-consumer-doomed");
        assertThat(event.path("data").path("errors").toString()).contains("QuotaExceeded");
    }

    /** A sample request from samples/requests with a new requestId (and compute name), as a file. */
    private Path sample(String name, String requestId, String computeName) throws IOException {
        ObjectNode request = (ObjectNode) Json.MAPPER.readTree(Path.of("samples", "requests", name + ".json").toFile());
        request.put("requestId", requestId);
        if (computeName != null) {
            ((ObjectNode) request.get("compute")).put("name", computeName);
        }
        Path file = requests.resolve(requestId + ".json");
        Files.writeString(file, Json.MAPPER.writeValueAsString(request));
        return file;
    }

    private static JsonNode onlyJsonLine(NodeRun run) throws IOException {
        List<String> lines = Arrays.stream(run.stdout().split("\n")).filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(run.describe()).hasSize(1);
        return Json.MAPPER.readTree(lines.get(0));
    }
}
