package io.amlcompute.provisioner.functions;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.microsoft.azure.functions.ExecutionContext;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.Completion;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.events.ServiceBusClients;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.local.arm.ArmEmulator;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.StatusQuery;
import io.amlcompute.provisioner.provisioning.StatusRead;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The three activities as the Functions host calls them, wired by {@link ProvisionerApp#fromSettings} exactly as in
 * Azure, against the ARM emulator (over HTTP) and the Service Bus emulator (over AMQP).
 */
class ActivitiesOverEmulatorsTest {

    private static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    private final ManualClock armClock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
    private AppOverEmulators stack;
    private final ExecutionContext context = mock(ExecutionContext.class);

    @BeforeEach
    void start() throws Exception {
        stack = AppOverEmulators.start(ArmEmulator.builder().clock(armClock)
                .workspace(SUBSCRIPTION, "rg-ml-demo", "mlw-demo", "westeurope")
                .provisioningTime(Duration.ofSeconds(10)).nodeAllocationTime(Duration.ofSeconds(5)));
        when(context.getLogger()).thenReturn(Logger.getLogger("test"));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void actReadAndPublishCarryAClusterFromCreationToItsReadyEvent() throws Exception {
        String request = canonical(Samples.with("ensure-amlcompute.json", "/compute/minNodes", "1"));

        ActionResult acted = ActivityResults.read(new PerformComputeAction(() -> stack.app).run(request, context),
                ActionResult.class);
        assertThat(acted).isInstanceOfSatisfying(ActionResult.Done.class,
                done -> assertThat(done.outcome()).isEqualTo(Outcome.CREATED));
        assertThat(read(request)).isEqualTo("Creating/null");
        armClock.advance(Duration.ofSeconds(11));
        assertThat(read(request)).isEqualTo("Succeeded/Resizing");
        armClock.advance(Duration.ofSeconds(6));
        assertThat(read(request)).isEqualTo("Succeeded/Steady");

        ComputeRequest parsed = parse(request);
        String event = Json.MAPPER.writeValueAsString(ComputeEvents.completed(parsed, new Completion(EventType.READY,
                Outcome.CREATED, null, List.of(), List.of(), 3), Instant.EPOCH, Instant.EPOCH));
        String eventId = new PublishCompletion(() -> stack.app).run(
                ActivityJson.input(new PublishCompletion.Input(ActivityJson.tree(event), null, "ensure/AmlCompute",
                        95_000L)).toString(), context);
        try (ServiceBusReceiverClient receiver = ServiceBusClients.builder(Settings.of(Map.of("ServiceBusConnection",
                        stack.bus.connectionString()))).receiver().topicName(EntityNames.EVENTS_TOPIC)
                .subscriptionName(EntityNames.ALL_EVENTS_SUBSCRIPTION)
                .receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE).buildClient()) {
            List<ServiceBusReceivedMessage> received = receiver.receiveMessages(5, Duration.ofSeconds(3)).stream().toList();
            assertThat(received).extracting(ServiceBusReceivedMessage::getMessageId).containsExactly(eventId);
        }
        // Every ARM call of the request carries one correlation GUID standing for "pipeline-run-4711".
        assertThat(stack.arm.requests()).extracting(RecordedRequest::correlationRequestId).hasSizeGreaterThan(1)
                .containsOnly(stack.arm.requests().get(0).correlationRequestId()).doesNotContain("pipeline-run-4711");
        assertThat(stack.arm.requests().toString()).doesNotContain("ssh-rsa");
    }

    @Test
    void tenConcurrentRequestsForOneComputeSendASingleCreatePutAndAllSucceed() throws Exception {
        int requests = 10;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<String, Object>>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String body = canonical(Samples.with("ensure-amlcompute.json", "/requestId", "\"pipeline-" + i + "\""));
            results.add(pool.submit(() -> {
                go.await();
                return new PerformComputeAction(() -> stack.app).run(body, context);
            }));
        }
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Map<String, Object>> result : results) {
            ActionResult acted = ActivityResults.read(result.get(), ActionResult.class);
            assertThat(acted).isInstanceOf(ActionResult.Done.class);
            outcomes.add(((ActionResult.Done) acted).outcome());
        }
        pool.shutdown();

        assertThat(outcomes).containsOnly(Outcome.CREATED, Outcome.EXISTING);
        assertThat(outcomes).filteredOn(Outcome.CREATED::equals).hasSize(1);
        assertThat(stack.arm.requests()).filteredOn(r -> r.method().equals("PUT")).hasSize(1);
    }

    private String read(String request) {
        String query = ActivityJson.input(StatusQuery.of(parse(request))).toString();
        StatusRead read = ActivityResults.read(new ReadComputeStatus(() -> stack.app).run(query, context),
                StatusRead.class);
        StatusRead.Found found = (StatusRead.Found) read;
        return found.status().provisioningState() + "/" + found.status().allocationState();
    }

    private static String canonical(String body) {
        return RequestWriter.toJson(parse(body));
    }

    private static ComputeRequest parse(String body) {
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard()).parse(body, MessageEnvelope.NONE))
                .request();
    }
}
