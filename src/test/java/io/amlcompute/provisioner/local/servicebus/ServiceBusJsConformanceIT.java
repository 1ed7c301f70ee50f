package io.amlcompute.provisioner.local.servicebus;

import io.amlcompute.provisioner.nodejs.NodeProject;
import io.amlcompute.provisioner.nodejs.NodeRun;
import io.amlcompute.provisioner.nodejs.ScenarioReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The emulator through a second official client: {@code src/test/js/servicebus/broker-conformance.mjs}, written with
 * {@code @azure/service-bus} 7.9.5 (rhea), against an emulator with a configured key and one entity per scenario.
 * One JUnit test per scenario the script plans. The same behaviours are covered with the Java client by the
 * {@code ServiceBusEmulator*Test} classes.
 */
class ServiceBusJsConformanceIT {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);

    private static ServiceBusEmulator emulator;
    private static ScenarioReport report;

    @BeforeAll
    static void runTheScenarios() {
        NodeProject suite = NodeProject.testSuite("servicebus");
        emulator = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder()
                .sharedAccessKey("RootManageSharedAccessKey",
                        Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes()))
                .queue(QueueDefinition.named("js-send"))
                .queue(QueueDefinition.named("js-settle"))
                .queue(QueueDefinition.named("js-dead").withMaxDeliveryCount(3))
                .queue(QueueDefinition.named("js-short-lock").withLockDuration(Duration.ofSeconds(2)))
                .queue(QueueDefinition.named("js-peek"))
                .queue(QueueDefinition.named("js-schedule"))
                .queue(QueueDefinition.named("js-sessions").withRequiresSession(true))
                .queue(QueueDefinition.named("js-dupes").withDuplicateDetection(Duration.ofMinutes(10)))
                .queue(QueueDefinition.named("js-size"))
                .topic(TopicDefinition.named("js-topic")
                        .withSubscription(SubscriptionDefinition.named("all"))
                        .withSubscription(SubscriptionDefinition.named("red")
                                .withRules(List.of(CorrelationFilter.builder().property("color", "red").build())))
                        .withSubscription(SubscriptionDefinition.named("ready")
                                .withRules(List.of(CorrelationFilter.builder().subject("compute.ready").build()))))
                .build());
        NodeRun run = suite.run("broker-conformance.mjs", List.of(),
                NodeProject.environment(Map.of("SERVICEBUS_CONNECTION_STRING", emulator.connectionString())),
                SCRIPT_TIMEOUT);
        report = ScenarioReport.of(run);
    }

    @AfterAll
    static void stopTheEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> theJavaScriptClientPassesEveryScenario() {
        return report.tests();
    }
}
