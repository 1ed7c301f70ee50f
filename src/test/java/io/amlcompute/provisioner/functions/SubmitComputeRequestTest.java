package io.amlcompute.provisioner.functions;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.events.ServiceBusClients;
import io.amlcompute.provisioner.events.ServiceBusEventPublisher;
import io.amlcompute.provisioner.local.durable.DurableBackendOptions;
import io.amlcompute.provisioner.local.durable.DurableTaskBackend;
import io.amlcompute.provisioner.local.durable.LocalDurableClientContext;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The trigger's three paths through the real Durable client against the embedded Durable backend, and the real
 * Service Bus publisher against the emulator. Only the Functions host's ExecutionContext is mocked.
 */
class SubmitComputeRequestTest {

    private ServiceBusEmulator bus;
    private DurableTaskBackend durable;
    private ServiceBusEventPublisher publisher;
    private SubmitComputeRequest function;
    private final ExecutionContext context = mock(ExecutionContext.class);

    @BeforeEach
    void start() throws Exception {
        bus = ServiceBusEmulator.start(ServiceBusEmulatorConfig.appDefaults());
        durable = DurableTaskBackend.start(DurableBackendOptions.inMemory());
        Settings settings = Settings.of(Map.of("ServiceBusConnection", bus.connectionString(),
                "POLICY_ALLOWED_WORKSPACES", Samples.DEMO_WORKSPACE, "POLICY_ALLOWED_SECRET_STORES", "local"));
        publisher = new ServiceBusEventPublisher(ServiceBusClients.builder(settings), EntityNames.EVENTS_TOPIC);
        ProvisionerApp app = new ProvisionerApp(settings, () -> publisher,
                () -> { throw new AssertionError("the trigger never calls ARM"); }, Clock.systemUTC());
        function = new SubmitComputeRequest(() -> app);
        when(context.getLogger()).thenReturn(Logger.getLogger("test"));
        when(context.getInvocationId()).thenReturn("invocation-1");
    }

    @AfterEach
    void stop() {
        publisher.close();
        durable.close();
        bus.close();
    }

    @Test
    void validRequestSchedulesTheOrchestrationUnderItsRequestId() throws Exception {
        deliver(Samples.text("ensure-amlcompute.json"), "1", durable.clientContext());

        OrchestrationMetadata instance = metadata("demo-ensure-aml-cluster-001");
        assertThat(instance.isInstanceFound()).isTrue();
        assertThat(instance.getName()).isEqualTo(ProvisionComputeOrchestrator.NAME);
        ProvisioningInput input = instance.readInputAs(ProvisioningInput.class);
        assertThat(Json.MAPPER.readTree(input.request()).path("compute").path("name").asText()).isEqualTo("aml-cluster");
        assertThat(input.request()).doesNotContain("ssh-rsa");
        assertThat(events()).isEmpty();
    }

    @Test
    void redeliveriesNeverStartASecondRunEvenAfterTheFirstEnded() throws Exception {
        String body = Samples.text("ensure-amlcompute.json");
        deliver(body, "1", durable.clientContext());
        java.time.Instant created = metadata("demo-ensure-aml-cluster-001").getCreatedAt();
        try (DurableTaskClient client = durable.clientContext().getClient()) {
            client.terminate("demo-ensure-aml-cluster-001", "test");
            client.waitForInstanceCompletion("demo-ensure-aml-cluster-001", Duration.ofSeconds(10), false);
        }

        deliver(body, "1", durable.clientContext());
        deliver(body, "1", durable.clientContext());

        OrchestrationMetadata instance = metadata("demo-ensure-aml-cluster-001");
        assertThat(instance.getRuntimeStatus().name()).isEqualTo("TERMINATED");
        assertThat(instance.getCreatedAt()).isEqualTo(created);
    }

    @Test
    void invalidRequestIsAnsweredWithOneRejectionEventAndReturnsNormally() throws Exception {
        deliver(Samples.text("invalid-request.json"), "2", durable.clientContext());
        deliver(Samples.text("invalid-request.json"), "2", durable.clientContext());

        List<ServiceBusReceivedMessage> events = events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getSubject()).isEqualTo("io.amlcompute.request.rejected");
        var data = Json.MAPPER.readTree(events.get(0).getBody().toBytes()).path("data");
        assertThat(data.path("requestId").asText()).isEqualTo("demo-invalid-001");
        assertThat(data.path("errors").findValuesAsText("code"))
                .contains("INVALID_COMPUTE_NAME", "WRONG_TYPE", "SECRET_INLINE");
        assertThat(events.get(0).getBody().toString()).doesNotContain("P@ssw0rd!");
        assertThat(metadata("demo-invalid-001").isInstanceFound()).isFalse();
    }

    @Test
    void unreachableDurableBackendThrowsSoServiceBusRedelivers() {
        DurableClientContext nowhere = LocalDurableClientContext.create(freePort(), durable.taskHubName());

        assertThatThrownBy(() -> deliver(Samples.text("ensure-amlcompute.json"), "3", nowhere))
                .isInstanceOf(RuntimeException.class);
        assertThat(events()).isEmpty();
    }

    /** The values the Functions host binds for a message with no application properties, first delivery. */
    private void deliver(String body, String sequenceNumber, DurableClientContext durableContext) {
        function.run(body, "{}", "1", sequenceNumber, durableContext, context);
    }

    private OrchestrationMetadata metadata(String instanceId) {
        try (DurableTaskClient client = durable.clientContext().getClient()) {
            return client.getInstanceMetadata(instanceId, true);
        }
    }

    private List<ServiceBusReceivedMessage> events() {
        try (ServiceBusReceiverClient receiver = ServiceBusClients.builder(Settings.of(Map.of("ServiceBusConnection",
                        bus.connectionString()))).receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            return receiver.receiveMessages(10, Duration.ofSeconds(2)).stream().toList();
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
