package io.amlcompute.provisioner.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.durabletask.DurableTaskClient;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.local.durable.DurableBackendOptions;
import io.amlcompute.provisioner.local.durable.DurableTaskBackend;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.Progress;
import io.amlcompute.provisioner.provisioning.EventPublisher;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import io.amlcompute.provisioner.provisioning.StatusRead;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DEFAULT_TIMEOUT} is the deadline of a request that names none (compute-request schema: "defaults to the
 * app's DEFAULT_TIMEOUT"). Followed along the real path: the app built from settings, its Service Bus trigger
 * against the embedded Durable backend, the orchestration input it stored, and the real orchestrator replaying that
 * input (activities scripted) until the deadline ends it.
 */
class DefaultTimeoutFromSettingsTest {

    private static final Duration CONFIGURED = Duration.ofMinutes(7);
    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private static final String REQUEST_ID = "demo-ensure-aml-cluster-001";

    private DurableTaskBackend durable;
    private SubmitComputeRequest trigger;
    private final ExecutionContext context = mock(ExecutionContext.class);

    @BeforeEach
    void start() throws Exception {
        durable = DurableTaskBackend.start(DurableBackendOptions.inMemory());
        Settings settings = Settings.of(Map.of("DEFAULT_TIMEOUT", CONFIGURED.toString(),
                "POLICY_ALLOWED_WORKSPACES", Samples.DEMO_WORKSPACE, "POLICY_ALLOWED_SECRET_STORES", "local"));
        ProvisionerApp app = new ProvisionerApp(settings,
                () -> new EventPublisher() {
                    @Override
                    public void publishToTopic(io.amlcompute.provisioner.contract.event.ComputeEvent event) {
                        throw new AssertionError("an accepted request publishes nothing at intake");
                    }

                    @Override
                    public void reply(io.amlcompute.provisioner.contract.event.ComputeEvent event, ReplyAddress reply) {
                        throw new AssertionError("an accepted request publishes nothing at intake");
                    }
                },
                () -> { throw new AssertionError("the trigger never calls ARM"); }, Clock.systemUTC());
        trigger = new SubmitComputeRequest(() -> app);
        when(context.getLogger()).thenReturn(Logger.getLogger("test"));
        when(context.getInvocationId()).thenReturn("invocation-1");
    }

    @AfterEach
    void stop() {
        durable.close();
    }

    @Test
    void aRequestWithoutATimeoutGetsTheConfiguredDefaultAsItsDeadline() throws Exception {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(Samples.text("ensure-amlcompute.json"));
        ((ObjectNode) body.path("options")).remove("timeout");
        trigger.run(Json.MAPPER.writeValueAsString(body), "{}", "1", "1", durable.clientContext(), context);

        ProvisioningInput input;
        try (DurableTaskClient client = durable.clientContext().getClient()) {
            input = client.getInstanceMetadata(REQUEST_ID, true).readInputAs(ProvisioningInput.class);
        }
        assertThat(Json.MAPPER.readTree(input.request()).path("options").path("timeout").asText())
                .isEqualTo("PT7M");

        // The orchestrator, never told the settings, works from the stored request alone.
        ReplayDriver driver = new ReplayDriver(REQUEST_ID, START, (activity, in) -> switch (activity) {
            case PerformComputeAction.NAME -> (new ActionResult.Done(Outcome.CREATED, List.of(),
                    new ComputeStatus("Creating", null, null, List.of())));
            case ReadComputeStatus.NAME -> (new StatusRead.Found(
                    new ComputeStatus("Succeeded", "Resizing", null, List.of())));
            case PublishCompletion.NAME -> "published";
            default -> throw new AssertionError("unknown activity " + activity);
        });
        String output = driver.run(input).getCompleteOrchestration().getResult().getValue();

        Instant deadline = START.plus(CONFIGURED);
        assertThat(driver.customStatuses).isNotEmpty().allSatisfy(status ->
                assertThat(Json.MAPPER.readValue(status, Progress.class).deadline()).isEqualTo(deadline));
        JsonNode event = Json.MAPPER.readTree(output);
        assertThat(event.path("type").asText()).isEqualTo(EventType.TIMED_OUT.wireName());
        assertThat(Instant.parse(event.path("data").path("timings").path("completedAt").asText()))
                .isAfterOrEqualTo(deadline).isBefore(deadline.plusSeconds(5));
    }
}
