package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.EmulatorSession.LOCATION;
import static io.amlcompute.provisioner.local.arm.EmulatorSession.RESOURCE_GROUP;
import static io.amlcompute.provisioner.local.arm.EmulatorSession.SUBSCRIPTION;
import static io.amlcompute.provisioner.local.arm.EmulatorSession.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a compute lives: its envelope {@code location} is always its workspace's region, which clients read with
 * Workspaces_Get; its own region is {@code properties.computeLocation}. A PUT that puts another region in the
 * envelope is refused.
 */
class ComputeLocationTest {

    private EmulatorSession session;

    @BeforeEach
    void start() {
        session = EmulatorSession.start(b -> b.provisioningTime(Duration.ZERO));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private static String amlCompute(String envelope, String computeLocation) {
        return """
                { %s
                  "properties": { "computeType": "AmlCompute" %s,
                    "properties": { "vmSize": "STANDARD_DS3_V2", "scaleSettings": { "maxNodeCount": 2 } } } }
                """.formatted(envelope == null ? "" : "\"location\": \"" + envelope + "\",",
                computeLocation == null ? "" : ", \"computeLocation\": \"" + computeLocation + "\"");
    }

    @Test
    void workspaceGetAnswersTheSeededRegion() {
        Reply workspace = session.client.workspace();

        assertThat(workspace.status()).isEqualTo(200);
        JsonNode body = workspace.json();
        assertThat(body.path("location").asText()).isEqualTo(LOCATION);
        assertThat(body.path("type").asText()).isEqualTo("Microsoft.MachineLearningServices/workspaces");
        assertThat(body.path("name").asText()).isEqualTo(WORKSPACE);
        assertThat(body.path("id").asText()).isEqualTo("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/"
                + RESOURCE_GROUP + "/providers/Microsoft.MachineLearningServices/workspaces/" + WORKSPACE);
    }

    @Test
    void workspaceGetOfAnUnknownWorkspaceIsArms404AndWritesAreNotServed() {
        Reply unknown = session.client.send("GET", "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/"
                + RESOURCE_GROUP + "/providers/Microsoft.MachineLearningServices/workspaces/ws-none?"
                + ComputeApiClient.API_VERSION, null);
        Reply put = session.client.send("PUT", session.client.workspacePath() + "?" + ComputeApiClient.API_VERSION,
                "{\"location\": \"westeurope\"}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("ParentResourceNotFound");
        assertThat(put.status()).isEqualTo(405);
    }

    @Test
    void aPutWhoseEnvelopeLocationIsNotTheWorkspaceRegionIsRefusedAndNothingIsStored() {
        Reply refused = session.client.put("cpu-cluster", amlCompute("northeurope", null));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("InvalidResourceLocation");
        assertThat(refused.json().path("error").path("target").asText()).isEqualTo("location");
        assertThat(refused.json().path("error").path("message").asText()).contains(LOCATION, "computeLocation");
        assertThat(session.client.get("cpu-cluster").status()).isEqualTo(404);
    }

    @Test
    void theRequestedRegionGoesToComputeLocationAndTheEnvelopeStaysInTheWorkspaceRegion() {
        assertThat(session.client.put("cpu-cluster", amlCompute(LOCATION, "northeurope")).status()).isEqualTo(201);

        JsonNode compute = session.client.get("cpu-cluster").json();

        assertThat(compute.path("location").asText()).isEqualTo(LOCATION);
        assertThat(compute.path("properties").path("computeLocation").asText()).isEqualTo("northeurope");
    }

    @Test
    void theWorkspaceRegionIsAcceptedInItsDisplayFormAndAnsweredAsTheWorkspaceSpellsIt() {
        assertThat(session.client.put("cpu-cluster", amlCompute("West Europe", null)).status()).isEqualTo(201);

        JsonNode compute = session.client.get("cpu-cluster").json();

        assertThat(compute.path("location").asText()).isEqualTo(LOCATION);
        assertThat(compute.path("properties").path("computeLocation").asText()).isEqualTo(LOCATION);
    }

    @Test
    void aPutWithoutLocationIsPlacedInTheWorkspaceRegion() {
        assertThat(session.client.put("cpu-cluster", amlCompute(null, null)).status()).isEqualTo(201);

        JsonNode compute = session.client.get("cpu-cluster").json();

        assertThat(compute.path("location").asText()).isEqualTo(LOCATION);
        assertThat(compute.path("properties").path("computeLocation").asText()).isEqualTo(LOCATION);
    }

    @Test
    void anAttachInAnotherRegionIsRefusedToo() {
        Reply refused = session.client.put("dsvm", """
                { "location": "eastus", "properties": { "computeType": "VirtualMachine", "resourceId": "%s" } }
                """.formatted(EmulatorSession.VM_ID));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("InvalidResourceLocation");
    }
}
