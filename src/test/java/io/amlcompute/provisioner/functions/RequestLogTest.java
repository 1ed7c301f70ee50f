package io.amlcompute.provisioner.functions;

import com.microsoft.azure.functions.ExecutionContext;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.events.ServiceBusClients;
import io.amlcompute.provisioner.events.ServiceBusEventPublisher;
import io.amlcompute.provisioner.local.durable.DurableBackendOptions;
import io.amlcompute.provisioner.local.durable.DurableTaskBackend;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulator;
import io.amlcompute.provisioner.local.servicebus.ServiceBusEmulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * What the trigger logs about a request, captured from the java.util.logging Logger the Functions host hands it:
 * both ids on every line, never a secret. Real Durable backend and Service Bus emulator, as in
 * {@link SubmitComputeRequestTest}; only the ExecutionContext is mocked.
 */
class RequestLogTest {

    private static final String INLINE_SECRET = "Inl1ne-S3cret-Value!";

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("RequestLogTest-" + UUID.randomUUID());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private ServiceBusEmulator bus;
    private DurableTaskBackend durable;
    private ServiceBusEventPublisher publisher;
    private SubmitComputeRequest function;
    private final ExecutionContext context = mock(ExecutionContext.class);

    @BeforeEach
    void start() throws Exception {
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        bus = ServiceBusEmulator.start(ServiceBusEmulatorConfig.appDefaults());
        durable = DurableTaskBackend.start(DurableBackendOptions.inMemory());
        Settings settings = Settings.of(Map.of("ServiceBusConnection", bus.connectionString(),
                "POLICY_ALLOWED_WORKSPACES", Samples.DEMO_WORKSPACE, "POLICY_ALLOWED_SECRET_STORES", "local"));
        publisher = new ServiceBusEventPublisher(ServiceBusClients.builder(settings), EntityNames.EVENTS_TOPIC);
        ProvisionerApp app = new ProvisionerApp(settings, () -> publisher,
                () -> { throw new AssertionError("the trigger never calls ARM"); }, Clock.systemUTC());
        function = new SubmitComputeRequest(() -> app);
        when(context.getLogger()).thenReturn(logger);
        when(context.getInvocationId()).thenReturn("invocation-1");
    }

    @AfterEach
    void stop() {
        logger.removeHandler(capture);
        publisher.close();
        durable.close();
        bus.close();
    }

    @Test
    void anAcceptedRequestIsLoggedWithBothIds() {
        deliver(Samples.text("ensure-amlcompute.json"), "1");

        assertThat(lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("event=request.started ")
                .contains(" requestId=demo-ensure-aml-cluster-001 ")
                .contains(" correlationId=pipeline-run-4711 ")
                .contains(" action=ensure").contains(" compute=aml-cluster"));
        assertThat(records).extracting(LogRecord::getLevel).containsOnly(Level.INFO);
    }

    @Test
    void aDuplicateDeliveryIsLoggedWithBothIds() {
        deliver(Samples.text("ensure-amlcompute.json"), "1");
        deliver(Samples.text("ensure-amlcompute.json"), "1");

        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1)).startsWith("event=request.duplicate ")
                .contains(" requestId=demo-ensure-aml-cluster-001 ").contains(" correlationId=pipeline-run-4711 ");
    }

    @Test
    void aRejectedRequestWithAnInlineSecretIsLoggedWithBothIdsAndWithoutTheSecret() {
        String body = Samples.with("ensure-amlcompute.json", "/compute/adminUser/password",
                "\"" + INLINE_SECRET + "\"");
        assertThat(body).contains(INLINE_SECRET);

        deliver(body, "2");

        assertThat(lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("event=request.rejected ")
                .contains(" requestId=demo-ensure-aml-cluster-001 ")
                .contains(" correlationId=pipeline-run-4711 ")
                .contains("SECRET_INLINE")
                .doesNotContain(INLINE_SECRET));
        assertThat(records).extracting(LogRecord::getLevel).containsOnly(Level.WARNING);
    }

    @Test
    void theInvalidSampleIsLoggedWithoutItsInlinePassword() {
        deliver(Samples.text("invalid-request.json"), "3");

        assertThat(Samples.text("invalid-request.json")).contains("P@ssw0rd!");
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("event=request.rejected ")
                .contains(" requestId=demo-invalid-001 ")
                .contains(" correlationId=")
                .doesNotContain("P@ssw0rd!"));
    }

    @Test
    void aMessageThatIsNotJsonIsLoggedWithItsDeliveryKeyAndNotItsBody() {
        deliver("password=" + INLINE_SECRET + " please", "4");

        assertThat(lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("event=request.rejected ")
                .contains(" deliveryKey=4:")
                .contains("MALFORMED_JSON")
                .doesNotContain(INLINE_SECRET));
    }

    @Test
    void formatPutsTheIdsFirstAndKeepsEachLineOneLine() {
        String line = RequestLog.format("request.started", "req-1", "corr 1", Map.of("compute", "a\nb=\"c\""));

        assertThat(line).isEqualTo("event=request.started requestId=req-1 correlationId=\"corr 1\" compute=\"a b='c'\"");
    }

    private void deliver(String body, String sequenceNumber) {
        function.run(body, "{}", "1", sequenceNumber, durable.clientContext(), context);
    }

    private List<String> lines() {
        return records.stream().map(LogRecord::getMessage).toList();
    }
}
