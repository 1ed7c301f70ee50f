package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.InstanceStatus;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.contract.validation.Samples;
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
 * A compute instance's requests through the activities as the Functions host calls them, wired by
 * {@link ProvisionerApp#fromSettings} exactly as in Azure, against the ARM emulator over HTTP: create, stop, start, and
 * concurrent starts of one instance coalesced into one POST.
 */
class InstanceActivitiesOverEmulatorsTest {

    private static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    private final ManualClock armClock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
    private AppOverEmulators stack;
    private final ExecutionContext context = mock(ExecutionContext.class);

    @BeforeEach
    void start() throws Exception {
        stack = AppOverEmulators.start(ArmEmulator.builder().clock(armClock)
                .workspace(SUBSCRIPTION, "rg-ml-demo", "mlw-demo", "westeurope")
                .provisioningTime(Duration.ofSeconds(10)).instancePowerTime(Duration.ofSeconds(5)));
        when(context.getLogger()).thenReturn(Logger.getLogger("test"));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void createStopAndStartAnInstance() {
        String ensure = canonical(Samples.text("ensure-computeinstance.json"));

        assertThat(act(ensure)).isEqualTo(Outcome.CREATED);
        assertThat(read(ensure).state()).isEqualTo("Creating");
        armClock.advance(Duration.ofSeconds(10));
        InstanceStatus running = read(ensure);
        assertThat(running.state()).isEqualTo("Running");
        assertThat(running.assignedUserObjectId()).isEqualTo("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
        assertThat(running.applications()).isNotEmpty();

        String stop = canonical(Samples.text("stop-computeinstance.json"));
        assertThat(act(stop)).isEqualTo(Outcome.STOPPED);
        assertThat(read(stop).state()).isEqualTo("Stopping");
        armClock.advance(Duration.ofSeconds(5));
        assertThat(read(stop).state()).isEqualTo("Stopped");
        assertThat(act(stop)).as("already stopped").isEqualTo(Outcome.EXISTING);

        String start = canonical(Samples.text("start-computeinstance.json"));
        assertThat(act(start)).isEqualTo(Outcome.STARTED);
        armClock.advance(Duration.ofSeconds(5));
        assertThat(read(start).state()).isEqualTo("Running");

        assertThat(stack.arm.requests()).filteredOn(r -> r.method().equals("POST"))
                .extracting(RecordedRequest::path).allSatisfy(path -> assertThat(path).matches(".*/ci-alice/(stop|start)"))
                .hasSize(2);
    }

    @Test
    void concurrentStartsOfOneInstanceSendOnePost() throws Exception {
        act(canonical(Samples.text("ensure-computeinstance.json")));
        armClock.advance(Duration.ofSeconds(10));
        act(canonical(Samples.text("stop-computeinstance.json")));
        armClock.advance(Duration.ofSeconds(5));
        int requests = 5;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<String, Object>>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String body = canonical(Samples.with("start-computeinstance.json", "/requestId", "\"start-" + i + "\""));
            results.add(pool.submit(() -> {
                go.await();
                return new PerformComputeAction(() -> stack.app).run(body, context);
            }));
        }
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Map<String, Object>> result : results) {
            outcomes.add(((ActionResult.Done) ActivityResults.read(result.get(), ActionResult.class)).outcome());
        }
        pool.shutdown();

        assertThat(outcomes).containsOnly(Outcome.STARTED).hasSize(requests);
        assertThat(stack.arm.requests()).filteredOn(r -> r.method().equals("POST") && r.path().endsWith("/start"))
                .hasSize(1);
    }

    private Outcome act(String request) {
        ActionResult acted = ActivityResults.read(new PerformComputeAction(() -> stack.app).run(request, context),
                ActionResult.class);
        assertThat(acted).as(acted::toString).isInstanceOf(ActionResult.Done.class);
        return ((ActionResult.Done) acted).outcome();
    }

    private InstanceStatus read(String request) {
        String query = ActivityJson.input(StatusQuery.of(parse(request))).toString();
        StatusRead read = ActivityResults.read(new ReadComputeStatus(() -> stack.app).run(query, context),
                StatusRead.class);
        return ((StatusRead.Found) read).status().instance();
    }

    private static String canonical(String body) {
        return RequestWriter.toJson(parse(body));
    }

    private static ComputeRequest parse(String body) {
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard()).parse(body, MessageEnvelope.NONE))
                .request();
    }
}
