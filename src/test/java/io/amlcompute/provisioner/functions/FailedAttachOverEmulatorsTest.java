package io.amlcompute.provisioner.functions;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.events.ServiceBusClients;
import io.amlcompute.provisioner.local.DemoAzure;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.local.arm.ArmEmulator;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * An attach ARM accepts but that provisions to Failed, along the whole path: the real orchestrator and
 * ProvisioningProcess on the real replay engine ({@link ReplayDriver}), whose three activities are the real ones
 * wired by {@link ProvisionerApp#fromSettings}, talking to the ARM emulator over HTTP and publishing to the Service
 * Bus emulator over AMQP. The emulator's clock follows the orchestration's, so durable timers move ARM's time.
 */
class FailedAttachOverEmulatorsTest {

    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private final ManualClock armClock = new ManualClock(START);
    private final ExecutionContext context = mock(ExecutionContext.class);
    private AppOverEmulators stack;

    @BeforeEach
    void start() throws Exception {
        stack = AppOverEmulators.start(ArmEmulator.builder().clock(armClock)
                .workspace(DemoAzure.SUBSCRIPTION_ID, DemoAzure.RESOURCE_GROUP, DemoAzure.WORKSPACE, DemoAzure.LOCATION)
                .virtualMachine(DemoAzure.VIRTUAL_MACHINE_ID).attachFailsFor(DemoAzure.VIRTUAL_MACHINE_ID)
                .provisioningTime(Duration.ofSeconds(20)));
        when(context.getLogger()).thenReturn(Logger.getLogger("test"));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void anAttachThatProvisionsToFailedEndsInOneFailedEventWithArmsErrorAndTheAttachedOutcome() throws Exception {
        ComputeRequest request = ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard())
                .parse(Samples.text("attach-virtualmachine.json"), MessageEnvelope.NONE)).request();
        AtomicReference<ReplayDriver> driver = new AtomicReference<>();
        driver.set(new ReplayDriver(request.requestId(), START, (name, input) -> {
            Duration behind = Duration.between(armClock.instant(), driver.get().now());
            if (!behind.isNegative() && !behind.isZero()) {
                armClock.advance(behind);
            }
            return switch (name) {
                case PerformComputeAction.NAME -> new PerformComputeAction(() -> stack.app).run(input, context);
                case ReadComputeStatus.NAME -> new ReadComputeStatus(() -> stack.app).run(input, context);
                case PublishCompletion.NAME -> new PublishCompletion(() -> stack.app).run(input, context);
                default -> throw new AssertionError("unknown activity " + name);
            };
        }));

        OrchestratorAction end = driver.get().run(new ProvisioningInput(RequestWriter.toJson(request), null, null));

        List<ServiceBusReceivedMessage> received;
        try (ServiceBusReceiverClient receiver = ServiceBusClients.builder(Settings.of(Map.of("ServiceBusConnection",
                        stack.bus.connectionString()))).receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            received = receiver.receiveMessages(5, Duration.ofSeconds(3)).stream().toList();
        }
        assertThat(received).hasSize(1);
        ComputeEvent event = Json.MAPPER.readValue(received.get(0).getBody().toString(), ComputeEvent.class);
        assertThat(event.type()).isEqualTo(EventType.FAILED);
        assertThat(Json.MAPPER.readTree(received.get(0).getBody().toString()).path("type").asText())
                .isEqualTo("io.amlcompute.compute.failed");
        assertThat(event.data().outcome()).isEqualTo(Outcome.ATTACHED);
        assertThat(event.data().status().provisioningState()).isEqualTo("Failed");
        // The process's own summary first, then ARM's provisioningErrors entry as the emulator wrote it.
        assertThat(event.data().errors()).extracting(ComputeStatus.ErrorInfo::code)
                .containsExactly("ProvisioningFailed", "AttachFailed");
        assertThat(event.data().errors().get(1).message()).contains(DemoAzure.VIRTUAL_MACHINE_ID);
        assertThat(driver.get().scheduledActivities()).containsSubsequence(PerformComputeAction.NAME,
                ReadComputeStatus.NAME, PublishCompletion.NAME)
                .filteredOn(PublishCompletion.NAME::equals).hasSize(1);

        assertThat(end.getCompleteOrchestration().getOrchestrationStatus())
                .isEqualTo(OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
        String output = end.getCompleteOrchestration().getResult().getValue();
        assertThat(Json.MAPPER.readValue(output, ComputeEvent.class)).isEqualTo(event);
    }
}
