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
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A crash right after ARM accepted a create or attach, along the whole path: the real orchestrator and
 * ProvisioningProcess on the real replay engine ({@link ReplayDriver}), whose activities are the real ones wired by
 * {@link ProvisionerApp#fromSettings}, talking to the ARM emulator over HTTP and publishing to the Service Bus
 * emulator over AMQP. The answer must be the one a run without the crash gives: one {@code compute.ready} event with
 * outcome {@code created} or {@code attached}, and the compute PUT once.
 */
class CrashAfterPutOverEmulatorsTest {

    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private final ManualClock armClock = new ManualClock(START);
    private final ExecutionContext context = mock(ExecutionContext.class);
    private AppOverEmulators stack;

    @BeforeEach
    void start() throws Exception {
        stack = AppOverEmulators.start(ArmEmulator.builder().clock(armClock)
                .workspace(DemoAzure.SUBSCRIPTION_ID, DemoAzure.RESOURCE_GROUP, DemoAzure.WORKSPACE, DemoAzure.LOCATION)
                .virtualMachine(DemoAzure.VIRTUAL_MACHINE_ID)
                .provisioningTime(Duration.ofSeconds(20)));
        when(context.getLogger()).thenReturn(Logger.getLogger("test"));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private static ComputeRequest request(String body) {
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard())
                .parse(body, MessageEnvelope.NONE)).request();
    }

    /**
     * Runs the orchestration; {@code dies} says whether the worker dies right after an activity call ran (its
     * result is then never recorded, and the orchestration's retry runs the activity again).
     */
    private ComputeEvent run(ComputeRequest request, java.util.function.Predicate<String> dies) throws Exception {
        AtomicReference<ReplayDriver> driver = new AtomicReference<>();
        driver.set(new ReplayDriver(request.requestId(), START, (name, input) -> {
            Duration behind = Duration.between(armClock.instant(), driver.get().now());
            if (!behind.isNegative() && !behind.isZero()) {
                armClock.advance(behind);
            }
            Object result = switch (name) {
                case PerformComputeAction.NAME -> new PerformComputeAction(() -> stack.app).run(input, context);
                case ReadComputeStatus.NAME -> new ReadComputeStatus(() -> stack.app).run(input, context);
                case PublishCompletion.NAME -> new PublishCompletion(() -> stack.app).run(input, context);
                default -> throw new AssertionError("unknown activity " + name);
            };
            return dies.test(name)
                    ? new ReplayDriver.Failure("java.lang.IllegalStateException", "the worker died") : result;
        }));

        OrchestratorAction end = driver.get().run(new ProvisioningInput(RequestWriter.toJson(request), null, null));

        assertThat(end.getCompleteOrchestration().getOrchestrationStatus())
                .isEqualTo(OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
        List<ServiceBusReceivedMessage> received;
        try (ServiceBusReceiverClient receiver = ServiceBusClients.builder(Settings.of(Map.of("ServiceBusConnection",
                        stack.bus.connectionString()))).receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            received = receiver.receiveMessages(5, Duration.ofSeconds(3)).stream().toList();
        }
        assertThat(received).hasSize(1);
        return Json.MAPPER.readValue(received.get(0).getBody().toString(), ComputeEvent.class);
    }

    private List<RecordedRequest> computePuts() {
        return stack.arm.requests().stream().filter(r -> r.method().equals("PUT")).toList();
    }

    @Test
    void anEnsureWhoseWorkerDiedAfterArmStoredThePutIsCreatedNotExistingAndDoesNotFailWithOnExistingFail()
            throws Exception {
        ComputeRequest request = request(Samples.with("ensure-amlcompute.json", "/options/onExisting", "\"fail\""));
        AtomicInteger actions = new AtomicInteger();

        ComputeEvent event = run(request, name -> name.equals(PerformComputeAction.NAME)
                && actions.incrementAndGet() == 1);

        assertThat(actions).hasValue(2);
        assertThat(event.type()).isEqualTo(EventType.READY);
        assertThat(event.data().outcome()).isEqualTo(Outcome.CREATED);
        assertThat(event.data().errors()).isEmpty();
        assertThat(computePuts()).singleElement().satisfies(put -> assertThat(put.status()).isEqualTo(201));
    }

    @Test
    void anAttachWhosePutAnswerWasLostIsAttachedNotExisting() throws Exception {
        ComputeRequest request = request(Samples.text("attach-virtualmachine.json"));
        stack.arm.faults().add(FaultRule.on("PUT", ".*/computes/" + request.computeName()).loseResponse().times(1));

        ComputeEvent event = run(request, name -> false);

        assertThat(event.type()).isEqualTo(EventType.READY);
        assertThat(event.data().outcome()).isEqualTo(Outcome.ATTACHED);
        // The gateway retried the PUT whose answer was lost and met ARM's 409: the compute was stored once.
        assertThat(computePuts()).extracting(RecordedRequest::status).first()
                .isEqualTo(RecordedRequest.RESPONSE_LOST);
        assertThat(computePuts()).extracting(RecordedRequest::status).filteredOn(s -> s == 201).isEmpty();
    }
}
