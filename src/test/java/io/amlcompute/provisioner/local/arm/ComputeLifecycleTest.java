package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provisioning over time on the ManualClock: provisioning 10 s, node allocation 20 s, update 5 s, deletion 5 s
 * (see {@link EmulatorSession}).
 */
class ComputeLifecycleTest {

    private EmulatorSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
    }

    private static JsonNode pool(Reply compute) {
        return compute.typeProperties();
    }

    private static void assertPool(Reply compute, String allocationState, int current, int target) {
        assertThat(pool(compute).path("allocationState").asText()).isEqualTo(allocationState);
        assertThat(pool(compute).path("currentNodeCount").asInt()).isEqualTo(current);
        assertThat(pool(compute).path("targetNodeCount").asInt()).isEqualTo(target);
    }

    @Test
    void amlComputeGoesFromCreatingToSucceededThenResizesToMinNodeCount() {
        session = EmulatorSession.start();

        Reply put = session.client.put("cpu-cluster", amlCompute("STANDARD_DS3_V2", 2, 4));
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.json().path("properties").fieldNames()).toIterable()
                .containsExactly("computeType", "provisioningState");
        assertThat(put.provisioningState()).isEqualTo("Creating");
        assertThat(put.json().path("id").asText()).endsWith("/workspaces/ws-ml/computes/cpu-cluster");
        assertThat(put.header("Retry-After")).contains("1");
        String operation = put.header("Azure-AsyncOperation").orElseThrow();
        assertThat(operation).startsWith(session.emulator.endpoint().toString());

        Reply creating = session.client.get("cpu-cluster");
        assertThat(creating.provisioningState()).isEqualTo("Creating");
        assertThat(pool(creating).has("allocationState")).isFalse();
        Reply inProgress = session.client.follow(operation);
        assertThat(inProgress.json().path("status").asText()).isEqualTo("InProgress");
        assertThat(inProgress.json().has("endTime")).isFalse();
        assertThat(inProgress.header("Retry-After")).contains("1");

        session.advance(Duration.ofSeconds(10));
        Reply succeeded = session.client.get("cpu-cluster");
        assertThat(succeeded.provisioningState()).isEqualTo("Succeeded");
        assertPool(succeeded, "Resizing", 0, 2);
        assertThat(pool(succeeded).path("nodeStateCounts").path("preparingNodeCount").asInt()).isEqualTo(2);
        Reply done = session.client.follow(operation);
        assertThat(done.json().path("status").asText()).isEqualTo("Succeeded");
        assertThat(done.json().path("endTime").asText()).isEqualTo("2025-06-01T08:00:10Z");
        assertThat(done.header("Retry-After")).isEmpty();

        session.advance(Duration.ofSeconds(19));
        assertPool(session.client.get("cpu-cluster"), "Resizing", 0, 2);

        session.advance(Duration.ofSeconds(1));
        Reply steady = session.client.get("cpu-cluster");
        assertPool(steady, "Steady", 2, 2);
        assertThat(pool(steady).path("nodeStateCounts").path("idleNodeCount").asInt()).isEqualTo(2);
        assertThat(pool(steady).path("nodeStateCounts").path("preparingNodeCount").asInt()).isZero();
        assertThat(pool(steady).path("allocationStateTransitionTime").asText()).isEqualTo("2025-06-01T08:00:30Z");
        assertThat(pool(steady).path("errors").isNull()).isTrue();
    }

    @Test
    void echoesTheRequestWithServiceDefaultsOnGet() {
        session = EmulatorSession.start(b -> b.provisioningTime(Duration.ZERO));
        session.client.put("cpu-cluster", ComputeBodies.amlComputeWith(
                "\"vmSize\": \"STANDARD_DS3_V2\", \"scaleSettings\": { \"maxNodeCount\": 2 }"));

        Reply compute = session.client.get("cpu-cluster");

        JsonNode resource = compute.json();
        assertThat(resource.path("type").asText()).isEqualTo("Microsoft.MachineLearningServices/workspaces/computes");
        assertThat(resource.path("location").asText()).isEqualTo("westeurope");
        assertThat(resource.path("properties").path("isAttachedCompute").asBoolean()).isFalse();
        assertThat(resource.path("properties").path("createdOn").asText()).isEqualTo("2025-06-01T08:00:00Z");
        assertThat(compute.typeProperties().path("vmSize").asText()).isEqualTo("STANDARD_DS3_V2");
        assertThat(compute.typeProperties().path("osType").asText()).isEqualTo("Linux");
        assertThat(compute.typeProperties().path("remoteLoginPortPublicAccess").asText()).isEqualTo("Enabled");
        assertThat(compute.typeProperties().path("scaleSettings").path("minNodeCount").asInt()).isZero();
    }

    @Test
    void amlComputeWithMinNodeCountZeroIsSteadyAtZeroOnceProvisioned() {
        session = EmulatorSession.start();
        session.client.put("cpu-cluster", amlCompute("STANDARD_DS3_V2", 0, 4));

        session.advance(Duration.ofSeconds(10));

        Reply compute = session.client.get("cpu-cluster");
        assertThat(compute.provisioningState()).isEqualTo("Succeeded");
        assertPool(compute, "Steady", 0, 0);
    }

    @Test
    void zeroDurationsMakeAComputeSucceededAndSteadyAtOnce() {
        session = EmulatorSession.start(b -> b.provisioningTime(Duration.ZERO).nodeAllocationTime(Duration.ZERO));

        Reply put = session.client.put("cpu-cluster", amlCompute("STANDARD_DS3_V2", 3, 4));

        Reply compute = session.client.get("cpu-cluster");
        assertThat(compute.provisioningState()).isEqualTo("Succeeded");
        assertPool(compute, "Steady", 3, 3);
        assertThat(session.client.follow(put.header("Azure-AsyncOperation").orElseThrow())
                .json().path("status").asText()).isEqualTo("Succeeded");
    }

    @Test
    void provisioningTimeCanBeSetPerComputeTypeAndPerVmSize() {
        session = EmulatorSession.start(b -> b
                .provisioningTime(ArmComputeType.AML_COMPUTE, Duration.ofSeconds(30))
                .provisioningTimeForVmSize("Standard_NC6", Duration.ofSeconds(60))
                .provisioningTime(ArmComputeType.DATABRICKS, Duration.ZERO));
        session.client.put("cpu-cluster", amlCompute("STANDARD_DS3_V2", 0, 1));
        session.client.put("gpu-cluster", amlCompute("STANDARD_NC6", 0, 1));
        session.client.put("dbx", ComputeBodies.databricks(EmulatorSession.DATABRICKS_ID,
                EmulatorSession.DATABRICKS_TOKEN));

        assertThat(session.client.get("dbx").provisioningState()).isEqualTo("Succeeded");
        session.advance(Duration.ofSeconds(30));
        assertThat(session.client.get("cpu-cluster").provisioningState()).isEqualTo("Succeeded");
        assertThat(session.client.get("gpu-cluster").provisioningState()).isEqualTo("Creating");
        session.advance(Duration.ofSeconds(30));
        assertThat(session.client.get("gpu-cluster").provisioningState()).isEqualTo("Succeeded");
    }

    @Test
    void vmSizeOverQuotaFailsProvisioningWithAQuotaError() {
        session = EmulatorSession.start(b -> b.quotaExceededFor("Standard_NC6"));
        Reply put = session.client.put("gpu-cluster", amlCompute("STANDARD_NC6", 0, 2));
        assertThat(put.status()).isEqualTo(201);

        session.advance(Duration.ofSeconds(10));

        Reply compute = session.client.get("gpu-cluster");
        assertThat(compute.provisioningState()).isEqualTo("Failed");
        JsonNode error = compute.json().path("properties").path("provisioningErrors").get(0).path("error");
        assertThat(error.path("code").asText()).isEqualTo("QuotaExceeded");
        assertThat(error.path("message").asText()).isEqualTo("Operation results in exceeding quota limits of Core. "
                + "Maximum allowed: 0, Current in use: 0, Additional requested: 12.");
        assertPool(compute, "Steady", 0, 0);
        Reply operation = session.client.follow(put.header("Azure-AsyncOperation").orElseThrow());
        assertThat(operation.json().path("status").asText()).isEqualTo("Failed");
        assertThat(operation.json().path("error").path("code").asText()).isEqualTo("QuotaExceeded");
    }

    @Test
    void failedComputeCanBeDeletedButNotPatched() {
        session = EmulatorSession.start(b -> b.quotaExceededFor("STANDARD_NC6"));
        session.client.put("gpu-cluster", amlCompute("STANDARD_NC6", 0, 2));
        session.advance(Duration.ofSeconds(10));

        Reply patch = session.client.patch("gpu-cluster", ComputeBodies.scaleTo(0, 1));
        assertThat(patch.status()).isEqualTo(409);
        assertThat(patch.errorCode()).isEqualTo("ComputeInFailedState");

        assertThat(session.client.delete("gpu-cluster", "Delete").status()).isEqualTo(202);
    }

    @Test
    void nodesOfAVmSizeWhoseSetupFailsEndUnusableWithErrors() {
        session = EmulatorSession.start(b -> b.nodeSetupFailsFor("STANDARD_D4S_V3"));
        session.client.put("cpu-cluster", amlCompute("Standard_D4s_v3", 2, 2));

        session.advance(Duration.ofSeconds(30));

        Reply compute = session.client.get("cpu-cluster");
        assertThat(compute.provisioningState()).isEqualTo("Succeeded");
        assertPool(compute, "Steady", 2, 2);
        JsonNode counts = pool(compute).path("nodeStateCounts");
        assertThat(counts.path("unusableNodeCount").asInt()).isEqualTo(2);
        assertThat(counts.path("idleNodeCount").asInt()).isZero();
        assertThat(pool(compute).path("errors").get(0).path("error").path("code").asText())
                .isEqualTo("NodeSetupFailed");
    }

    @Test
    void attachOfATargetSetToFailIsAcceptedThenFailsWithAProvisioningError() {
        session = EmulatorSession.start(b -> b.attachFailsFor(EmulatorSession.VM_ID.toUpperCase(java.util.Locale.ROOT)));
        Reply put = session.client.put("dsvm", ComputeBodies.attach("VirtualMachine", EmulatorSession.VM_ID,
                "\"sshPort\": 22"));
        assertThat(put.status()).isEqualTo(201);
        assertThat(session.client.get("dsvm").provisioningState()).isEqualTo("Creating");

        session.advance(Duration.ofSeconds(10));

        Reply compute = session.client.get("dsvm");
        assertThat(compute.provisioningState()).isEqualTo("Failed");
        JsonNode error = compute.json().path("properties").path("provisioningErrors").get(0).path("error");
        assertThat(error.path("code").asText()).isEqualTo("AttachFailed");
        assertThat(error.path("message").asText()).contains(EmulatorSession.VM_ID);
        Reply operation = session.client.follow(put.header("Azure-AsyncOperation").orElseThrow());
        assertThat(operation.json().path("status").asText()).isEqualTo("Failed");
        assertThat(operation.json().path("error").path("code").asText()).isEqualTo("AttachFailed");
        assertThat(session.client.delete("dsvm", "Detach").status()).as("a failed attach can be detached").isEqualTo(202);
    }

    @Test
    void attachOfAnyOtherTargetStillSucceeds() {
        session = EmulatorSession.start(b -> b.attachFailsFor(EmulatorSession.AKS_ID));
        session.client.put("dsvm", ComputeBodies.attach("VirtualMachine", EmulatorSession.VM_ID, "\"sshPort\": 22"));

        session.advance(Duration.ofSeconds(10));

        Reply compute = session.client.get("dsvm");
        assertThat(compute.provisioningState()).isEqualTo("Succeeded");
        assertThat(compute.json().path("properties").path("provisioningErrors").isNull()).isTrue();
    }

    @Test
    void patchUpdatesThenRetargetsTheNodes() {
        session = EmulatorSession.start();
        session.client.put("cpu-cluster", amlCompute("STANDARD_DS3_V2", 2, 4));
        session.advance(Duration.ofSeconds(30));

        Reply patch = session.client.patch("cpu-cluster", ComputeBodies.scaleTo(1, 3));
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.provisioningState()).isEqualTo("Updating");
        assertThat(patch.header("Azure-AsyncOperation")).isPresent();
        assertThat(patch.header("Retry-After")).contains("1");

        Reply updating = session.client.get("cpu-cluster");
        assertThat(updating.provisioningState()).isEqualTo("Updating");
        assertPool(updating, "Steady", 2, 2);
        assertThat(updating.typeProperties().path("scaleSettings").path("maxNodeCount").asInt()).isEqualTo(3);

        session.advance(Duration.ofSeconds(5));
        Reply resizing = session.client.get("cpu-cluster");
        assertThat(resizing.provisioningState()).isEqualTo("Succeeded");
        assertPool(resizing, "Resizing", 2, 1);
        assertThat(pool(resizing).path("nodeStateCounts").path("leavingNodeCount").asInt()).isEqualTo(1);
        assertThat(session.client.follow(patch.header("Azure-AsyncOperation").orElseThrow())
                .json().path("status").asText()).isEqualTo("Succeeded");

        session.advance(Duration.ofSeconds(20));
        assertPool(session.client.get("cpu-cluster"), "Steady", 1, 1);
    }

    @Test
    void deleteGoesThroughDeletingUntilTheComputeIsGone() {
        session = EmulatorSession.start();
        session.client.put("cpu-cluster", amlCompute());
        session.advance(Duration.ofSeconds(10));

        Reply delete = session.client.delete("cpu-cluster", "Delete");
        assertThat(delete.status()).isEqualTo(202);
        assertThat(delete.body()).isEmpty();
        String status = delete.header("Azure-AsyncOperation").orElseThrow();
        String location = delete.header("Location").orElseThrow();
        assertThat(session.client.get("cpu-cluster").provisioningState()).isEqualTo("Deleting");
        Reply pending = session.client.follow(location);
        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.header("Location")).contains(location);

        session.advance(Duration.ofSeconds(5));

        assertThat(session.client.get("cpu-cluster").status()).isEqualTo(404);
        assertThat(session.client.follow(status).json().path("status").asText()).isEqualTo("Succeeded");
        assertThat(session.client.follow(location).status()).isEqualTo(204);
        assertThat(session.client.delete("cpu-cluster", "Delete").status()).isEqualTo(204);
        assertThat(session.client.put("cpu-cluster", amlCompute()).status()).isEqualTo(201);
    }

    @Test
    void detachUnlinksAnAttachedCompute() {
        session = EmulatorSession.start();
        session.client.put("dsvm", ComputeBodies.attach("VirtualMachine", EmulatorSession.VM_ID, "\"sshPort\": 22"));
        session.advance(Duration.ofSeconds(10));

        Reply detach = session.client.delete("dsvm", "Detach");

        assertThat(detach.status()).isEqualTo(202);
        session.advance(Duration.ofSeconds(5));
        assertThat(session.client.get("dsvm").status()).isEqualTo(404);
    }

    @Test
    void aFinishedOperationStaysPollableForADayAndIsForgottenAtTheNextChangeAfterIt() {
        session = EmulatorSession.start();
        String first = session.client.put("cpu-cluster", amlCompute("STANDARD_DS3_V2", 0, 4))
                .header("Azure-AsyncOperation").orElseThrow();

        session.advance(Duration.ofSeconds(10).plus(Duration.ofDays(1)));
        session.client.put("gpu-cluster", amlCompute("STANDARD_DS3_V2", 0, 4));
        assertThat(session.client.follow(first).json().path("status").asText()).isEqualTo("Succeeded");

        session.advance(Duration.ofSeconds(1));
        String third = session.client.put("big-cluster", amlCompute("STANDARD_DS3_V2", 0, 4))
                .header("Azure-AsyncOperation").orElseThrow();
        assertThat(session.client.follow(first).status()).isEqualTo(404);
        assertThat(session.client.follow(third).json().path("status").asText()).isEqualTo("InProgress");
    }

    @Test
    void unknownOperationIdAnswers404() {
        session = EmulatorSession.start();

        Reply reply = session.client.send("GET", "/subscriptions/" + EmulatorSession.SUBSCRIPTION
                + "/providers/Microsoft.MachineLearningServices/locations/westeurope/operationStatuses/nope?"
                + ComputeApiClient.API_VERSION, null);

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void retryAfterZeroSendsNoHeaderAtAll() {
        session = EmulatorSession.start(b -> b.retryAfter(Duration.ZERO));

        Reply put = session.client.put("cpu-cluster", amlCompute());

        assertThat(put.header("Retry-After")).isEmpty();
        assertThat(session.client.follow(put.header("Azure-AsyncOperation").orElseThrow()).header("Retry-After"))
                .isEmpty();
    }

    @Test
    void listPagesWithNextLink() {
        session = EmulatorSession.start(b -> b.listPageSize(2));
        for (String name : List.of("cpu-a", "cpu-b", "cpu-c")) {
            session.client.put(name, amlCompute());
        }

        List<String> names = new ArrayList<>();
        Reply page = session.client.list();
        int pages = 1;
        page.json().path("value").forEach(c -> names.add(c.path("name").asText()));
        while (page.json().hasNonNull("nextLink")) {
            page = session.client.follow(page.json().path("nextLink").asText());
            page.json().path("value").forEach(c -> names.add(c.path("name").asText()));
            pages++;
        }

        assertThat(names).containsExactly("cpu-a", "cpu-b", "cpu-c");
        assertThat(pages).isEqualTo(2);
    }
}
