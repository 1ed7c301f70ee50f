package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.attach;
import static io.amlcompute.provisioner.local.arm.ComputeBodies.databricks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Attaching checks the target against the seeded resources, and the Databricks token against the seeded one. */
class AttachTargetsTest {

    private EmulatorSession session;

    @BeforeEach
    void start() {
        session = EmulatorSession.start();
    }

    @AfterEach
    void stop() {
        session.close();
    }

    @Test
    void attachesASeededDatabricksWorkspaceAndReportsItAttached() {
        Reply put = session.client.put("dbx", databricks(EmulatorSession.DATABRICKS_ID,
                EmulatorSession.DATABRICKS_TOKEN));
        assertThat(put.status()).isEqualTo(201);

        session.advance(Duration.ofSeconds(10));

        Reply compute = session.client.get("dbx");
        assertThat(compute.provisioningState()).isEqualTo("Succeeded");
        assertThat(compute.json().path("properties").path("isAttachedCompute").asBoolean()).isTrue();
        assertThat(compute.json().path("properties").path("resourceId").asText())
                .isEqualTo(EmulatorSession.DATABRICKS_ID);
        assertThat(compute.typeProperties().path("workspaceUrl").asText()).isEqualTo(EmulatorSession.DATABRICKS_URL);
        assertThat(compute.typeProperties().has("databricksAccessToken")).isFalse();
    }

    @Test
    void answers403InvalidAccessTokenForTheWrongDatabricksToken() {
        Reply reply = session.client.put("dbx", databricks(EmulatorSession.DATABRICKS_ID, "dapi-wrong-token"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("Forbidden");
        assertThat(reply.json().path("error").path("message").asText()).startsWith("Invalid access token");
        assertThat(reply.body()).doesNotContain("dapi-wrong-token").doesNotContain(EmulatorSession.DATABRICKS_TOKEN);
        assertThat(session.client.get("dbx").status()).isEqualTo(404);
    }

    @Test
    void answers400WhenTheTargetWasNotSeeded() {
        String missing = EmulatorSession.DATABRICKS_ID.replace("dbw-analytics", "dbw-missing");

        Reply reply = session.client.put("dbx", databricks(missing, EmulatorSession.DATABRICKS_TOKEN));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("AttachTargetNotFound");
        assertThat(reply.json().path("error").path("target").asText()).isEqualTo("properties.resourceId");
    }

    @Test
    void answers400WhenTheTargetIsOfAnotherResourceType() {
        Reply reply = session.client.put("dbx", databricks(EmulatorSession.VM_ID, EmulatorSession.DATABRICKS_TOKEN));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidAttachTarget");
        assertThat(reply.json().path("error").path("message").asText()).contains("Microsoft.Databricks/workspaces");
    }

    @Test
    void matchesTheTargetIdCaseInsensitively() {
        Reply reply = session.client.put("dsvm", attach("VirtualMachine", EmulatorSession.VM_ID.toLowerCase(), ""));

        assertThat(reply.status()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "VirtualMachine|VM|\"sshPort\": 22, \"address\": \"10.0.0.4\", "
                    + "\"administratorAccount\": { \"username\": \"azureuser\", \"password\": \"vm-Secret-1\" }",
            "Kubernetes|AKS|\"namespace\": \"ml\", \"defaultInstanceType\": \"cpu\"",
            "Kubernetes|ARC|\"relayConnectionString\": \"Endpoint=sb://relay-secret\"",
            "HDInsight|HDI|\"sshPort\": 22, \"address\": \"hdi-ssh.azurehdinsight.net\"",
            "SynapseSpark|SYNAPSE|\"autoScaleProperties\": { \"enabled\": true, \"minNodeCount\": 3, "
                    + "\"maxNodeCount\": 10 }, \"nodeSize\": \"Medium\"",
    })
    void attachesEverySeededKindOfResource(String computeType, String seeded, String innerProperties) {
        String resourceId = switch (seeded) {
            case "VM" -> EmulatorSession.VM_ID;
            case "AKS" -> EmulatorSession.AKS_ID;
            case "ARC" -> EmulatorSession.ARC_ID;
            case "HDI" -> EmulatorSession.HDI_ID;
            default -> EmulatorSession.SYNAPSE_ID;
        };

        assertThat(session.client.put("attached", attach(computeType, resourceId, innerProperties)).status())
                .isEqualTo(201);
        session.advance(Duration.ofSeconds(10));

        Reply compute = session.client.get("attached");
        assertThat(compute.provisioningState()).isEqualTo("Succeeded");
        assertThat(compute.json().path("properties").path("computeType").asText()).isEqualTo(computeType);
        assertThat(compute.json().path("properties").path("isAttachedCompute").asBoolean()).isTrue();
        assertThat(compute.typeProperties().has("allocationState")).isFalse();
    }

    @Test
    void refusesDeleteOfAnAttachedComputeAndDetachOfAManagedOne() {
        session.client.put("dsvm", attach("VirtualMachine", EmulatorSession.VM_ID, ""));
        session.client.put("cpu-cluster", ComputeBodies.amlCompute());
        session.advance(Duration.ofSeconds(10));

        Reply deleteAttached = session.client.delete("dsvm", "Delete");
        Reply detachManaged = session.client.delete("cpu-cluster", "Detach");

        assertThat(deleteAttached.status()).isEqualTo(400);
        assertThat(deleteAttached.errorCode()).isEqualTo("InvalidUnderlyingResourceAction");
        assertThat(deleteAttached.json().path("error").path("message").asText()).contains("Detach");
        assertThat(detachManaged.status()).isEqualTo(400);
        assertThat(detachManaged.errorCode()).isEqualTo("InvalidUnderlyingResourceAction");
        assertThat(session.client.get("dsvm").provisioningState()).isEqualTo("Succeeded");
        assertThat(session.client.get("cpu-cluster").provisioningState()).isEqualTo("Succeeded");
    }

    @Test
    void refusesToSeedAResourceIdOfTheWrongType() {
        assertThatThrownBy(() -> ArmEmulator.builder().hdInsightCluster(EmulatorSession.VM_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Microsoft.HDInsight/clusters");
    }
}
