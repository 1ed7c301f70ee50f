package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.arm.ObservedCompute.NodePool;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Compute_ListNodes and Compute_ListKeys, the two POSTs that read ({@code POST .../computes/{name}/listNodes|listKeys},
 * 200, no body sent).
 *
 * <p>listNodes ({@code AmlComputeNodesInformation}): one {@code AmlComputeNodeInformation} per node of an AmlCompute
 * pool, in the states of its {@code nodeStateCounts} ({@code nodeState} in lower case, as the spec's enum); ids, private
 * addresses and ports in the form of the spec's example (examples/Compute/listNodes.json: {@code tvm-..._1-...},
 * port 50000 and up), a public address only when the cluster has public IPs. All nodes come in one page (no
 * {@code nextLink}; the spec declares no {@code nextLinkVerb}, contract notes section 8). Any other type: 400
 * {@code UserError} "ComputeListNodes with computeType ... is not supported." (the service's answer for a compute
 * instance, MicrosoftDocs/azure-docs issue 85756).
 *
 * <p>listKeys ({@code ComputeSecrets}, discriminated on {@code computeType}): VirtualMachineSecrets with the
 * {@code administratorAccount} the attach presented, DatabricksComputeSecrets with its {@code databricksAccessToken}
 * ({@link AttachSecrets}); a type without a secrets subtype (AmlCompute, ComputeInstance, HDInsight, Kubernetes,
 * SynapseSpark: "There is no subtype for AmlCompute or ComputeInstance", contract notes 3.5) answers the base
 * {@code {computeType}}.
 */
final class ComputeListings {

    private static final DateTimeFormatter NODE_ID_TIME = DateTimeFormatter.ofPattern("uuuuMMdd't'HHmmss'z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ComputeLedger ledger;
    private final EmulatorSettings settings;
    private final AttachSecrets secrets;

    ComputeListings(ComputeLedger ledger, EmulatorSettings settings, AttachSecrets secrets) {
        this.ledger = ledger;
        this.settings = settings;
        this.secrets = secrets;
    }

    ArmResponse listNodes(Workspace workspace, String name) {
        ObservedCompute compute = find(workspace, name);
        ArmComputeType type = compute.stored().definition().computeType();
        if (type != ArmComputeType.AML_COMPUTE) {
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("UserError",
                    "ComputeListNodes with computeType " + type.wireName() + " is not supported."));
        }
        ObjectNode page = Json.MAPPER.createObjectNode();
        ArrayNode nodes = page.putArray("nodes");
        compute.nodePool().ifPresent(pool -> addNodes(nodes, compute, pool));
        return ArmResponse.json(HttpURLConnection.HTTP_OK, page);
    }

    private static void addNodes(ArrayNode nodes, ObservedCompute compute, NodePool pool) {
        ObservedCompute.NodeStateCounts counts = pool.nodeStateCounts();
        boolean publicIp = compute.stored().definition().properties().path("enableNodePublicIp").asBoolean(true);
        String cluster = Integer.toUnsignedString(Math.abs(compute.stored().name().toLowerCase(Locale.ROOT)
                .hashCode()));
        String born = NODE_ID_TIME.format(compute.stored().createdOn());
        int index = 0;
        String[] states = {"idle", "preparing", "unusable", "leaving", "preempted"};
        int[] numbers = {counts.idle(), counts.preparing(), counts.unusable(), counts.leaving(), counts.preempted()};
        for (int s = 0; s < states.length; s++) {
            for (int i = 0; i < numbers[s]; i++) {
                index++;
                ObjectNode node = nodes.addObject();
                node.put("nodeId", "tvm-" + cluster + "_" + index + "-" + born);
                node.put("privateIpAddress", "10.0." + (index / 250) + "." + (4 + index % 250));
                if (publicIp) {
                    node.put("publicIpAddress", "20.60." + (index / 250) + "." + (1 + index % 250));
                } else {
                    node.putNull("publicIpAddress");
                }
                node.put("port", 50000 + index - 1);
                node.put("nodeState", states[s]);
                node.putNull("runId");
            }
        }
    }

    ArmResponse listKeys(Workspace workspace, String name) {
        ObservedCompute compute = find(workspace, name);
        ArmComputeType type = compute.stored().definition().computeType();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("computeType", type.wireName());
        ObjectNode kept = secrets.find(workspace.key(), compute.stored().name());
        if (type == ArmComputeType.VIRTUAL_MACHINE) {
            ObjectNode account = kept != null ? kept : Json.MAPPER.createObjectNode();
            compute.stored().definition().properties().path("administratorAccount").fields()
                    .forEachRemaining(field -> account.putIfAbsent(field.getKey(), field.getValue()));
            body.set("administratorAccount", account);
        } else if (type == ArmComputeType.DATABRICKS && kept != null) {
            body.setAll(kept);
        }
        return ArmResponse.json(HttpURLConnection.HTTP_OK, body);
    }

    private ObservedCompute find(Workspace workspace, String name) {
        Instant now = settings.clock().instant();
        return ledger.find(workspace.key(), name, now).orElseThrow(() -> ComputeQueries.notFound(workspace, name));
    }
}
