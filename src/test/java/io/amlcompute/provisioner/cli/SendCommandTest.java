package io.amlcompute.provisioner.cli;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** send against the Service Bus emulator, through the official client on both sides. */
class SendCommandTest {

    private static final String ENSURE = Samples.DIRECTORY.resolve("ensure-amlcompute.json").toString();

    @TempDir
    Path dir;

    private LocalServiceBus bus;

    @BeforeEach
    void start() {
        bus = new LocalServiceBus();
    }

    @AfterEach
    void stop() {
        bus.close();
    }

    @Test
    void sendsTheFileWithMessageIdContentTypeAndTheCorrelationIdAsAnApplicationProperty() throws IOException {
        CliRun.Result result = CliRun.run(bus.variables(), "send", ENSURE);

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode receipt = result.json();
        assertThat(receipt.get("requestId").asText()).isEqualTo("demo-ensure-aml-cluster-001");
        assertThat(receipt.get("queue").asText()).isEqualTo(EntityNames.REQUESTS_QUEUE);
        assertThat(receipt.has("replyTo")).isFalse();
        ServiceBusReceivedMessage message = bus.takeRequest();
        assertThat(message.getMessageId()).isEqualTo("demo-ensure-aml-cluster-001");
        assertThat(property(message, "correlationId")).isEqualTo("pipeline-run-4711");
        assertThat(message.getContentType()).isEqualTo("application/json");
        assertThat(property(message, "replyTo")).isNull();
        assertThat(property(message, "replyToSessionId")).isNull();
        // The app reads application properties only: a Java function cannot count on the system ones (ADR 0006).
        assertThat(message.getReplyTo()).isNull();
        assertThat(message.getCorrelationId()).isNull();
        assertThat(message.getBody().toString()).isEqualTo(Files.readString(Path.of(ENSURE)));
    }

    @Test
    void generatesTheRequestIdIntoTheBodyAndAsMessageIdWhenTheFileHasNoneAndSaysWhich() throws IOException {
        Path file = Files.writeString(dir.resolve("no-id.json"),
                Samples.without("delete-amlcompute.json", "/requestId"));

        CliRun.Result result = CliRun.run(bus.variables(), "send", file.toString(), "--correlation-id", "run-77");

        assertThat(result.exitCode()).as(result.err()).isZero();
        String requestId = result.json().get("requestId").asText();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(result.err()).contains("no requestId").contains(requestId);
        ServiceBusReceivedMessage message = bus.takeRequest();
        assertThat(message.getMessageId()).isEqualTo(requestId);
        assertThat(property(message, "correlationId")).isEqualTo("run-77");
        // The function reads the request id from the body only.
        assertThat(Json.MAPPER.readTree(message.getBody().toString()).get("requestId").asText()).isEqualTo(requestId);
    }

    @Test
    void anInvalidFileIsReportedAndNothingIsSent() {
        CliRun.Result result = CliRun.run(bus.variables(), "send",
                Samples.DIRECTORY.resolve("invalid-request.json").toString()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("valid").asBoolean()).isFalse();
        assertThat(result.err()).contains("nothing was sent");
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    /** A valid request padded with whitespace to {@code size} bytes. */
    private Path paddedRequest(int size) throws IOException {
        String request = Files.readString(Path.of(ENSURE));
        return Files.writeString(dir.resolve("padded.json"), request + " ".repeat(size - request.length()));
    }

    @Test
    void aRequestWithNoRoomLeftForTheMessageOverheadIsRefusedByDefaultAndNothingIsSent() throws IOException {
        Path padded = paddedRequest(260_000);

        CliRun.Result result = CliRun.run(bus.variables(), "send", padded.toString()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("MESSAGE_TOO_LARGE");
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    @Test
    void aMessageServiceBusWouldNotTakeFailsLoudlyEvenWhenTheLimitSettingAllowsTheBody() throws IOException {
        Path padded = paddedRequest(261_900);
        Map<String, String> variables = new java.util.HashMap<>(bus.variables());
        variables.put("MAX_REQUEST_BYTES", "262144");

        CliRun.Result result = CliRun.run(variables, "send", padded.toString()).withoutStackTrace();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).doesNotContain("\"queue\"");
        assertThat(result.err()).contains("nothing was sent").contains("262144");
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    @ParameterizedTest(name = "garbage #{index}")
    @ValueSource(strings = {"", "[1, 2]", "not json at all"})
    void garbageIsOneRejectionLineAndNothingIsSent(String content) throws IOException {
        Path file = Files.writeString(dir.resolve("garbage.json"), content);

        CliRun.Result result = CliRun.run(bus.variables(), "send", file.toString(), "--wait").withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("valid").asBoolean()).isFalse();
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("io.amlcompute.provisioner.cli.ValidateCommandTest#garbage")
    void everyKindOfGarbageIsOneCleanRejectionLineAndNothingIsSent(String what, byte[] content, String expectedCode)
            throws IOException {
        Path file = Files.write(dir.resolve("garbage.json"), content);

        CliRun.Result result = CliRun.run(bus.variables(), "send", file.toString()).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode line = result.json();
        assertThat(line.get("valid").asBoolean()).isFalse();
        if (expectedCode != null) {
            assertThat(line.get("errors").findValuesAsText("code")).contains(expectedCode);
        }
        assertThat(result.out().length()).as("a report, not an echo of the input").isLessThan(2000);
        assertThat(result.err()).contains("nothing was sent");
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    @Test
    void everyWaitingSendGetsAReplySessionOfItsOwn() throws IOException {
        // Two requests: the queue's duplicate detection would drop a second message with the same MessageId.
        Path other = Files.writeString(dir.resolve("other.json"),
                Samples.with("ensure-amlcompute.json", "/requestId", "\"demo-ensure-aml-cluster-002\""));
        CliRun.Result first = CliRun.run(bus.variables(), "send", ENSURE, "--wait", "--timeout", "1s");
        CliRun.Result second = CliRun.run(bus.variables(), "send", other.toString(), "--wait", "--timeout", "1s");

        assertThat(first.exitCode()).as(first.err()).isEqualTo(2);
        assertThat(second.exitCode()).as(second.err()).isEqualTo(2);
        ServiceBusReceivedMessage one = bus.takeRequest();
        ServiceBusReceivedMessage two = bus.takeRequest();
        assertThat(property(one, "replyTo")).isEqualTo(EntityNames.REPLIES_QUEUE);
        assertThat(property(two, "replyTo")).isEqualTo(EntityNames.REPLIES_QUEUE);
        assertThat(property(one, "replyToSessionId")).isNotBlank();
        assertThat(property(two, "replyToSessionId")).isNotBlank().isNotEqualTo(property(one, "replyToSessionId"));
        assertThat(first.err()).contains("--session " + property(one, "replyToSessionId"));
        assertThat(second.err()).contains("--session " + property(two, "replyToSessionId"));
    }

    @Test
    void aReplySessionWithoutWaitingSetsReplyToForALaterWait() {
        CliRun.Result result = CliRun.run(bus.variables(), "send", ENSURE, "--reply-session", "my-session-1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("replyToSessionId").asText()).isEqualTo("my-session-1");
        ServiceBusReceivedMessage message = bus.takeRequest();
        assertThat(property(message, "replyTo")).isEqualTo(EntityNames.REPLIES_QUEUE);
        assertThat(property(message, "replyToSessionId")).isEqualTo("my-session-1");
    }

    @Test
    void waitsForTheReadyEventOnItsOwnReplySessionAndExitsZero() throws Exception {
        CliRun.Running send = CliRun.start(bus.variables(), "waiting up to", "send", ENSURE, "--wait",
                "--timeout", "30s");

        ServiceBusReceivedMessage request = bus.takeRequest();
        assertThat(property(request, "replyTo")).isEqualTo(EntityNames.REPLIES_QUEUE);
        assertThat(property(request, "replyToSessionId")).isNotBlank().isNotEqualTo(request.getMessageId());
        ComputeEvent ready = replyTo(request, EventType.READY);

        CliRun.Result result = send.result(Duration.ofSeconds(30));
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode event = result.json();
        assertThat(event.get("id").asText()).isEqualTo(ready.id());
        assertThat(event.get("type").asText()).isEqualTo("io.amlcompute.compute.ready");
        assertThat(event.get("data").get("requestId").asText()).isEqualTo("demo-ensure-aml-cluster-001");
        assertThat(result.err()).contains("ended ready");
    }

    @Test
    void aFailedEventEndsTheWaitWithExitOne() throws Exception {
        CliRun.Running send = CliRun.start(bus.variables(), "waiting up to", "send", ENSURE, "--wait",
                "--timeout", "30s");

        replyTo(bus.takeRequest(), EventType.FAILED);

        CliRun.Result result = send.result(Duration.ofSeconds(30));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("type").asText()).isEqualTo("io.amlcompute.compute.failed");
    }

    @Test
    void noEventBeforeTheTimeoutExitsTwoAndSaysHowToWaitAgain() {
        CliRun.Result result = CliRun.run(bus.variables(), "send", ENSURE, "--wait", "--timeout", "1s")
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        ServiceBusReceivedMessage request = bus.takeRequest();
        assertThat(result.err()).contains("computectl wait demo-ensure-aml-cluster-001 --session "
                + property(request, "replyToSessionId"));
    }

    @Test
    void withoutSettingsOrPolicyVariablesItChecksTheStructureOnlyAndSaysSo() {
        // As README's first request in Azure: --namespace (here the connection string) and nothing else.
        Map<String, String> connectionOnly = Map.of(ServiceBusOptions.CONNECTION_STRING_VARIABLE,
                bus.connectionString());

        CliRun.Result result = CliRun.run(connectionOnly, "send", ENSURE);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("structure only").contains("the app checks its own policy");
        assertThat(bus.takeRequest().getMessageId()).isEqualTo("demo-ensure-aml-cluster-001");
    }

    @Test
    void withoutSettingsOrPolicyVariablesABrokenRequestIsStillNotSent() throws IOException {
        Path file = Files.writeString(dir.resolve("no-workspace.json"),
                Samples.without("ensure-amlcompute.json", "/workspace"));

        CliRun.Result result = CliRun.run(Map.of(ServiceBusOptions.CONNECTION_STRING_VARIABLE,
                bus.connectionString()), "send", file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("$.workspace");
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    @Test
    void withoutAnyConnectionItIsAUsageErrorNamingTheWaysToConnect() {
        CliRun.Result result = CliRun.run(CliRun.SAMPLE_POLICY, "send", ENSURE).withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("--namespace").contains("SERVICEBUS_CONNECTION_STRING");
    }

    @Test
    void theConnectionStringOptionWinsOverTheVariable() {
        Map<String, String> variables = CliRun.with(bus.variables(), ServiceBusOptions.CONNECTION_STRING_VARIABLE,
                "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=x;UseDevelopmentEmulator=true");

        CliRun.Result result = CliRun.run(variables, "send", ENSURE, "--connection-string", bus.connectionString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(bus.takeRequest().getMessageId()).isEqualTo("demo-ensure-aml-cluster-001");
    }

    @Test
    void anUnreachableNamespaceExitsFourWithOneLineAndNoSecret() {
        String unreachable = "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=do-not-print;"
                + "UseDevelopmentEmulator=true";

        CliRun.Result result = CliRun.run(CliRun.with(CliRun.SAMPLE_POLICY,
                ServiceBusOptions.CONNECTION_STRING_VARIABLE, unreachable), "send", ENSURE, "--operation-timeout", "2s")
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).startsWith("computectl send: ").doesNotContain("do-not-print");
    }

    @Test
    void buildsAnEnsureRequestFromFlags() {
        CliRun.Result result = CliRun.run(bus.variables(), "send", "--ensure", "cpu-cluster",
                "--workspace", Samples.DEMO_WORKSPACE, "--vm-size", "Standard_DS3_v2", "--max-nodes", "2",
                "--request-id", "flags-ensure-1", "--request-timeout", "20m");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ServiceBusReceivedMessage message = bus.takeRequest();
        assertThat(message.getMessageId()).isEqualTo("flags-ensure-1");
        ComputeRequest request = LocalServiceBus.parse(message.getBody().toString(), null);
        assertThat(request.action().wireName()).isEqualTo("ensure");
        assertThat(request.computeName()).isEqualTo("cpu-cluster");
        assertThat(request.workspace().key()).isEqualTo(Samples.DEMO_WORKSPACE);
        assertThat(request.options().timeout()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void buildsAComputeInstancesStopFromFlags() {
        CliRun.Result result = CliRun.run(bus.variables(), "send", "--stop", "ci-alice",
                "--workspace", Samples.DEMO_WORKSPACE, "--request-id", "flags-stop-1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        ComputeRequest request = LocalServiceBus.parse(bus.takeRequest().getBody().toString(), null);
        assertThat(request.operation()).isEqualTo(new io.amlcompute.provisioner.contract.InstancePowerChange("ci-alice",
                io.amlcompute.provisioner.contract.Action.STOP));
    }

    @Test
    void nodeFlagsWithAPowerActionAreAUsageError() {
        CliRun.Result result = CliRun.run(bus.variables(), "send", "--start", "ci-alice",
                "--workspace", Samples.DEMO_WORKSPACE, "--max-nodes", "2").withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("--max-nodes does not go with --start");
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    @Test
    void flagsThatMakeAnInvalidRequestAreReportedAsTheValidatorSeesThem() {
        CliRun.Result result = CliRun.run(bus.variables(), "send", "--ensure", "cpu-cluster",
                "--workspace", Samples.DEMO_WORKSPACE, "--max-nodes", "2").withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().get("file").asText()).isEqualTo("(flags)");
        assertThat(result.json().get("errors").findValuesAsText("path")).contains("$.compute.vmSize");
        assertThat(bus.peekQueue(EntityNames.REQUESTS_QUEUE)).isEmpty();
    }

    @Test
    void aFileAndRequestFlagsTogetherAreAUsageError() {
        CliRun.Result result = CliRun.run(bus.variables(), "send", ENSURE, "--delete", "aml-cluster")
                .withoutStackTrace();

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.err()).contains("not both");
    }

    /** Plays the function's part: publishes the event for the request to its reply session (and the topic). */
    private ComputeEvent replyTo(ServiceBusReceivedMessage request, EventType type) {
        ComputeRequest parsed = LocalServiceBus.parse(request.getBody().toString(), request.getMessageId());
        ComputeEvent event = LocalServiceBus.eventFor(parsed, type);
        bus.publisher().publish(event, new ReplyAddress(property(request, "replyTo"), property(request, "replyToSessionId")));
        return event;
    }

    /** An application property of a sent request, as the function reads it. */
    private static String property(ServiceBusReceivedMessage message, String name) {
        Object value = message.getApplicationProperties().get(name);
        return value == null ? null : value.toString();
    }
}
