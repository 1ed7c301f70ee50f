package io.amlcompute.provisioner.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.AdminUser;
import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.ManagedIdentity;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.provisioning.CreatorMark;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The request bodies of {@code workspaces/computes} (api-version 2025-12-01), built from validated requests; every PUT
 * carries the {@link CreatorMark} of the request that sends it in its {@code tags}. Only
 * writable fields are sent: read-only ones ({@code provisioningState}, {@code allocationState}, node counts,
 * {@code isAttachedCompute}, ...) make ARM refuse the body. Secret references are resolved here, through
 * {@link SecretValues}, at the last moment; the bodies exist only as bytes handed to the transport.
 */
final class ComputeRequestBodies {

    private ComputeRequestBodies() {
    }

    /**
     * PUT {@code ComputeResource} of a new AmlCompute cluster (contract notes 3.1, 3.3, 3.7): the envelope in the
     * workspace's region, the requested region (if any) as {@code computeLocation}, as azureml-core's
     * {@code AmlCompute._build_create_payload} builds it.
     */
    static byte[] amlCompute(EnsureAmlCompute cluster, String workspaceRegion, CreatorMark mark,
                             SecretValues secrets) {
        ObjectNode resource = envelope(workspaceRegion, withMark(cluster.tags(), mark), cluster.identity());
        ObjectNode compute = resource.putObject("properties");
        compute.put("computeType", cluster.computeType().wireName());
        if (cluster.location() != null) {
            compute.put("computeLocation", cluster.location());
        }
        if (cluster.description() != null) {
            compute.put("description", cluster.description());
        }
        ObjectNode properties = compute.putObject("properties");
        properties.put("vmSize", cluster.vmSize());
        properties.put("vmPriority", cluster.vmPriority().wireName());
        properties.put("osType", cluster.osType().wireName());
        properties.set("scaleSettings", scaleSettings(cluster.scale(), true));
        properties.put("remoteLoginPortPublicAccess", cluster.remoteLoginPortPublicAccess().wireName());
        properties.put("enableNodePublicIp", cluster.enableNodePublicIp());
        if (cluster.subnetId() != null) {
            properties.putObject("subnet").put("id", cluster.subnetId());
        }
        AdminUser admin = cluster.adminUser();
        if (admin != null) {
            ObjectNode credentials = properties.putObject("userAccountCredentials");
            credentials.put("adminUserName", admin.username());
            putSecret(credentials, "adminUserPassword", admin.password(), secrets);
            putSecret(credentials, "adminUserSshPublicKey", admin.sshPublicKey(), secrets);
        }
        return bytes(resource);
    }

    /**
     * PUT {@code ComputeResource} attaching an existing resource: {@code resourceId} plus the kind's properties, in
     * the workspace's region and without {@code computeLocation} (azureml-core's attach payloads drop it).
     */
    static byte[] attach(AttachCompute attach, String workspaceRegion, CreatorMark mark, SecretValues secrets) {
        ObjectNode resource = envelope(workspaceRegion, withMark(Map.of(), mark), attach.identity());
        ObjectNode compute = resource.putObject("properties");
        AttachTarget target = attach.target();
        compute.put("computeType", target.computeType().wireName());
        compute.put("resourceId", target.resourceId());
        if (attach.description() != null) {
            compute.put("description", attach.description());
        }
        if (target instanceof AttachTarget.Databricks databricks) {
            ObjectNode properties = compute.putObject("properties");
            properties.put("databricksAccessToken", secrets.resolve(databricks.accessToken()));
            if (databricks.workspaceUrl() != null) {
                properties.put("workspaceUrl", databricks.workspaceUrl());
            }
        } else if (target instanceof AttachTarget.VirtualMachine vm) {
            sshMachine(compute.putObject("properties"), vm.address(), vm.sshPort(), vm.adminUser(), secrets);
        } else if (target instanceof AttachTarget.HdInsight hdInsight) {
            sshMachine(compute.putObject("properties"), hdInsight.address(), hdInsight.sshPort(),
                    hdInsight.adminUser(), secrets);
        } else if (target instanceof AttachTarget.Kubernetes kubernetes) {
            ObjectNode properties = compute.putObject("properties");
            if (kubernetes.namespace() != null) {
                properties.put("namespace", kubernetes.namespace());
            }
            if (kubernetes.defaultInstanceType() != null) {
                properties.put("defaultInstanceType", kubernetes.defaultInstanceType());
            }
        }
        // SynapseSpark: the pool's resourceId is all an attach needs.
        return bytes(resource);
    }

    /**
     * PATCH {@code ClusterUpdateParameters}: the properties key is doubled and scale settings are all it can change
     * (contract notes 3.6).
     */
    static byte[] scaleUpdate(UpdateScaleSettings update) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("properties").putObject("properties")
                .set("scaleSettings", scaleSettings(update.scale(), update.idleBeforeScaleDownGiven()));
        return bytes(body);
    }

    private static ObjectNode envelope(String workspaceRegion, Map<String, String> tags, ManagedIdentity identity) {
        ObjectNode resource = Json.MAPPER.createObjectNode();
        // Always the workspace's region, as the official clients send it; another region is reported to make
        // identity assignment fail, and the ARM emulator refuses it.
        resource.put("location", Objects.requireNonNull(workspaceRegion, "workspaceRegion"));
        if (tags != null && !tags.isEmpty()) {
            ObjectNode tagNode = resource.putObject("tags");
            tags.forEach(tagNode::put);
        }
        if (identity != null) {
            // ManagedServiceIdentity: principalId, tenantId and the identities' ids are read-only; {} per identity.
            ObjectNode identityNode = resource.putObject("identity");
            identityNode.put("type", identity.type().wireName());
            if (!identity.userAssignedIdentityIds().isEmpty()) {
                ObjectNode assigned = identityNode.putObject("userAssignedIdentities");
                identity.userAssignedIdentityIds().forEach(id -> assigned.putObject(id));
            }
        }
        return resource;
    }

    /** The request's tags and the creator mark (the parser keeps the mark's name out of the request's tags). */
    private static Map<String, String> withMark(Map<String, String> tags, CreatorMark mark) {
        Map<String, String> all = new TreeMap<>(tags);
        all.putAll(mark.tags());
        return all;
    }

    private static ObjectNode scaleSettings(ScaleSettings scale, boolean withIdleTime) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("maxNodeCount", scale.maxNodes());
        node.put("minNodeCount", scale.minNodes());
        if (withIdleTime) {
            node.put("nodeIdleTimeBeforeScaleDown", isoSeconds(scale.idleBeforeScaleDown()));
        }
        return node;
    }

    /** ISO-8601 in whole seconds, e.g. PT120S, the form the service itself returns. */
    static String isoSeconds(Duration duration) {
        return "PT" + duration.toSeconds() + "S";
    }

    /** VirtualMachine and HDInsight: SSH address and the administrator account (VirtualMachineSshCredentials). */
    private static void sshMachine(ObjectNode properties, String address, int sshPort, AdminUser admin,
                                   SecretValues secrets) {
        properties.put("sshPort", sshPort);
        if (address != null) {
            properties.put("address", address);
        }
        if (admin != null) {
            ObjectNode account = properties.putObject("administratorAccount");
            account.put("username", admin.username());
            putSecret(account, "password", admin.password(), secrets);
            putSecret(account, "publicKeyData", admin.sshPublicKey(), secrets);
            putSecret(account, "privateKeyData", admin.sshPrivateKey(), secrets);
        }
    }

    private static void putSecret(ObjectNode node, String field, SecretRef ref, SecretValues secrets) {
        if (ref != null) {
            node.put(field, secrets.resolve(ref));
        }
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serializes; the message would quote the body, so drop it.
            throw new IllegalStateException("could not serialize an ARM request body", null);
        }
    }
}
