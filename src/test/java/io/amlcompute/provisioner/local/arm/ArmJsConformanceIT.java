package io.amlcompute.provisioner.local.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.nodejs.NodeProject;
import io.amlcompute.provisioner.nodejs.NodeRun;
import io.amlcompute.provisioner.nodejs.ScenarioReport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The emulator through an official management SDK of another language: {@code src/test/js/arm/compute-conformance.mjs},
 * written with {@code @azure/arm-machinelearning} 2.1.1 (api-version 2022-10-01), against an emulator on loopback
 * http that requires a bearer token. One JUnit test per scenario the script plans, plus what the emulator saw.
 */
class ArmJsConformanceIT {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000beef";
    private static final String DATABRICKS_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-data/providers/Microsoft.Databricks/workspaces/dbw-js";
    private static final String VM_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-vm/providers/Microsoft.Compute/virtualMachines/dsvm-js";

    private static ArmEmulator emulator;
    private static ScenarioReport report;

    @BeforeAll
    static void runTheScenarios() throws IOException {
        NodeProject suite = NodeProject.testSuite("arm");
        String token = UUID.randomUUID().toString();
        String databricksToken = "dapi-" + UUID.randomUUID();
        emulator = ArmEmulator.builder()
                .workspace(SUBSCRIPTION, "rg-ml", "ws-js", "westeurope")
                .databricksWorkspace(DATABRICKS_ID, "https://adb-1234567890123456.7.azuredatabricks.net",
                        databricksToken)
                .virtualMachine(VM_ID)
                .requireBearerToken(token)
                .provisioningTime(Duration.ofMillis(300))
                .nodeAllocationTime(Duration.ZERO)
                .updateTime(Duration.ofMillis(200))
                .deletionTime(Duration.ofMillis(200))
                .instancePowerTime(Duration.ofMillis(500))
                .retryAfter(Duration.ZERO)
                .listPageSize(2)
                .start();
        NodeRun run = suite.run("compute-conformance.mjs", List.of(), NodeProject.environment(Map.of(
                "ARM_ENDPOINT", emulator.endpoint().toString(),
                "ARM_TOKEN", token,
                "ARM_SUBSCRIPTION", SUBSCRIPTION,
                "ARM_RESOURCE_GROUP", "rg-ml",
                "ARM_WORKSPACE", "ws-js",
                "ARM_LOCATION", "westeurope",
                "DATABRICKS_ID", DATABRICKS_ID,
                "DATABRICKS_TOKEN", databricksToken,
                "VM_ID", VM_ID)), SCRIPT_TIMEOUT);
        report = ScenarioReport.of(run);
    }

    @AfterAll
    static void stopTheEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> theJavaScriptManagementClientPassesEveryScenario() {
        return report.tests();
    }

    @Test
    void theClientSpokeApiVersion20221001AndTheEmulatorAnsweredIt() {
        // All but the instance's PUT and state reads, which the script sends itself in 2025-12-01 (ComputeInstance is
        // emulated from there); its stop, start and restart and their polls are the client's.
        assertThat(emulator.requests()).filteredOn(request -> request.query().contains("api-version=2025-12-01"))
                .allSatisfy(request -> assertThat(request.path()).endsWith("/computes/js-instance"));
        assertThat(emulator.requests()).isNotEmpty()
                .filteredOn(request -> !request.query().contains("api-version=2025-12-01"))
                .allSatisfy(request -> assertThat(request.query()).contains("api-version=2022-10-01"));
        // The only refusals are the two the error scenario asks for: nothing the client sent broke the contract.
        assertThat(emulator.requests()).filteredOn(request -> request.status() == 400)
                .extracting(request -> request.method() + " " + request.path().replaceAll(".*/computes/", ""))
                .containsExactlyInAnyOrder("PUT js-too-big", "DELETE js-page-a");
    }

    @Test
    void theClientUsedEveryOperationTheScenariosName() {
        assertThat(emulator.requests()).extracting(RecordedRequest::method)
                .contains("PUT", "GET", "PATCH", "DELETE", "POST");
        assertThat(emulator.requests()).filteredOn(request -> request.method().equals("POST"))
                .extracting(request -> request.path().replaceAll(".*/computes/", ""))
                .contains("js-instance/stop", "js-instance/start", "js-instance/restart");
        assertThat(emulator.requests()).anySatisfy(request -> assertThat(request.query()).contains("$skip="));
        assertThat(emulator.requests()).anySatisfy(request -> assertThat(request.query())
                .contains("underlyingResourceAction=Detach"));
        assertThat(emulator.requests()).anySatisfy(request -> assertThat(request.path())
                .contains("/operationStatuses/"));
    }
}
