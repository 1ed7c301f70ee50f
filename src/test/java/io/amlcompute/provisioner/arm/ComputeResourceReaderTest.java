package io.amlcompute.provisioner.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.provisioning.ComputeResource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ARM bodies as the contract describes them, including the sparse and the odd ones. */
class ComputeResourceReaderTest {

    private static final String ID = "/subscriptions/00000000-0000-0000-0000-00000000aaaa/resourceGroups/rg-ml"
            + "/providers/Microsoft.MachineLearningServices/workspaces/ws-ml/computes/cpu-cluster";

    @Test
    void readsASucceededClusterThatIsStillResizing() {
        ComputeResource resource = read("""
                {"id":"%s","name":"cpu-cluster","location":"westeurope","tags":{"team":"ml"},
                 "properties":{"computeType":"AmlCompute","provisioningState":"Succeeded","isAttachedCompute":false,
                   "description":"training","provisioningErrors":null,
                   "properties":{"vmSize":"STANDARD_NC6","vmPriority":"Dedicated","osType":"Linux",
                     "scaleSettings":{"maxNodeCount":4,"minNodeCount":1,"nodeIdleTimeBeforeScaleDown":"PT120S"},
                     "remoteLoginPortPublicAccess":"Enabled","enableNodePublicIp":true,
                     "subnet":{"id":"/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/vnets/v/subnets/s"},
                     "allocationState":"Resizing","currentNodeCount":0,"targetNodeCount":1,
                     "nodeStateCounts":{"idleNodeCount":0,"runningNodeCount":0,"preparingNodeCount":1,
                       "unusableNodeCount":0,"leavingNodeCount":0,"preemptedNodeCount":0},"errors":null}}}
                """.formatted(ID));

        assertThat(resource.id()).isEqualTo(ID);
        assertThat(resource.computeType()).isEqualTo("AmlCompute");
        assertThat(resource.attached()).isFalse();
        assertThat(resource.computeLocation()).isEqualTo("westeurope");
        assertThat(resource.description()).isEqualTo("training");
        assertThat(resource.tags()).containsEntry("team", "ml");
        assertThat(resource.status()).isEqualTo(new ComputeStatus("Succeeded", "Resizing",
                new ComputeStatus.NodeCounts(0, 1, 0, 0, 1, 0, 0, 0), java.util.List.of()));
        assertThat(resource.cluster()).isEqualTo(new ComputeResource.ClusterSettings("STANDARD_NC6", "Dedicated", 1, 4,
                "PT120S", "Linux", "Enabled", true,
                "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/vnets/v/subnets/s"));
    }

    @Test
    void theComputesOwnRegionIsComputeLocationNotTheEnvelopesWorkspaceRegion() {
        ComputeResource resource = read("""
                {"id":"%s","location":"westeurope",
                 "properties":{"computeType":"AmlCompute","computeLocation":"northeurope",
                   "provisioningState":"Succeeded"}}
                """.formatted(ID));

        assertThat(resource.computeLocation()).isEqualTo("northeurope");
    }

    @Test
    void readsTheSparseBodyOfAComputeBeingCreated() {
        ComputeResource resource = read("""
                {"id":"%s","properties":{"computeType":"AmlCompute","provisioningState":"Creating"}}
                """.formatted(ID));

        assertThat(resource.status().provisioningState()).isEqualTo("Creating");
        assertThat(resource.status().allocationState()).isNull();
        assertThat(resource.status().nodes()).isNull();
        assertThat(resource.status().errors()).isEmpty();
        assertThat(resource.cluster()).isNull();
        assertThat(resource.attached()).isFalse();
        assertThat(resource.tags()).isEmpty();
    }

    @Test
    void keepsUnknownEnumValuesAndTakesUnknownForAMissingState() {
        ComputeResource newer = read("""
                {"properties":{"computeType":"FutureCompute","provisioningState":"Migrating",
                  "properties":{"allocationState":"Hibernating"}}}""");
        ComputeResource stateless = read("{\"properties\":{\"computeType\":\"AmlCompute\"}}");

        assertThat(newer.computeType()).isEqualTo("FutureCompute");
        assertThat(newer.status().provisioningState()).isEqualTo("Migrating");
        assertThat(newer.knownType()).isEmpty();
        assertThat(newer.id()).isEqualTo(ID);
        assertThat(stateless.status().provisioningState()).isEqualTo("Unknown");
    }

    @Test
    void collectsProvisioningErrorsAndNodeErrorsInBothErrorShapes() {
        ComputeResource resource = read("""
                {"properties":{"computeType":"AmlCompute","provisioningState":"Failed",
                  "provisioningErrors":[
                    {"error":{"code":"QuotaExceeded","message":"Operation results in exceeding quota limits of Core."}},
                    {"code":"BareDetail","message":"Without envelope."},
                    {"error":{"code":"Outer","details":[{"code":"Inner","message":"From the detail."}]}}],
                  "properties":{"errors":[{"error":{"code":"NodeSetupFailed","message":"Disk mount failed."}}]}}}""");

        assertThat(resource.failed()).isTrue();
        assertThat(resource.status().errors()).containsExactly(
                ComputeStatus.ErrorInfo.of("QuotaExceeded", "Operation results in exceeding quota limits of Core."),
                ComputeStatus.ErrorInfo.of("BareDetail", "Without envelope."),
                ComputeStatus.ErrorInfo.of("Outer", "From the detail."),
                ComputeStatus.ErrorInfo.of("NodeSetupFailed", "Disk mount failed."));
    }

    @Test
    void readsAnAttachedComputeWithoutClusterSettingsOrSecrets() {
        ComputeResource resource = read("""
                {"properties":{"computeType":"Databricks","provisioningState":"Succeeded","isAttachedCompute":true,
                  "resourceId":"/subscriptions/s/resourceGroups/r/providers/Microsoft.Databricks/workspaces/d",
                  "properties":{"workspaceUrl":"https://adb-1.azuredatabricks.net",
                    "databricksAccessToken":"dapi-x"}}}""");

        assertThat(resource.attached()).isTrue();
        assertThat(resource.underlyingResourceId()).endsWith("/Microsoft.Databricks/workspaces/d");
        assertThat(resource.cluster()).isNull();
        assertThat(resource.status().allocationState()).isNull();
        assertThat(resource.toString()).doesNotContain("dapi-x");
    }

    @Test
    void infersAttachmentFromTheTypeWhenTheFlagIsMissing() {
        assertThat(read("{\"properties\":{\"computeType\":\"Kubernetes\"}}").attached()).isTrue();
        assertThat(read("{\"properties\":{\"computeType\":\"AmlCompute\"}}").attached()).isFalse();
    }

    @Test
    void toleratesNumbersAsStringsAndOddValues() {
        ComputeResource resource = read("""
                {"properties":{"computeType":"AmlCompute","provisioningState":"Succeeded",
                  "properties":{"scaleSettings":{"maxNodeCount":"3","minNodeCount":null},"enableNodePublicIp":"false",
                    "currentNodeCount":2,"tags":[]}}, "tags":{"n":1,"nothing":null}}""");

        assertThat(resource.cluster().maxNodes()).isEqualTo(3);
        assertThat(resource.cluster().minNodes()).isNull();
        assertThat(resource.cluster().enableNodePublicIp()).isFalse();
        assertThat(resource.status().nodes().current()).isEqualTo(2);
        assertThat(resource.tags()).containsExactly(java.util.Map.entry("n", "1"));
    }

    private static ComputeResource read(String json) {
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            return ComputeResourceReader.read(root, ID, null, null);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
