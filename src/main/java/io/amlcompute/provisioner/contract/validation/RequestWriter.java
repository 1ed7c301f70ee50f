package io.amlcompute.provisioner.contract.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.AdminUser;
import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ControlRequest;
import io.amlcompute.provisioner.contract.DeleteCompute;
import io.amlcompute.provisioner.contract.DetachCompute;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstancePowerChange;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.ManagedIdentity;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;

/**
 * Writes a request in its canonical wire form, with every default spelled out. {@link RequestParser} reads it
 * back to an equal request, which is how a request travels into the orchestration: as this JSON, with secrets
 * as references only.
 */
public final class RequestWriter {

    private RequestWriter() {
    }

    public static String toJson(ComputeRequest request) {
        return write(request).toString();
    }

    public static ObjectNode write(ComputeRequest request) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schemaVersion", ComputeRequest.SCHEMA_VERSION);
        root.put("action", request.action().wireName());
        root.put("requestId", request.requestId());
        root.put("correlationId", request.correlationId());
        ObjectNode ws = root.putObject("workspace");
        ws.put("subscriptionId", request.workspace().subscriptionId());
        ws.put("resourceGroup", request.workspace().resourceGroup());
        ws.put("workspaceName", request.workspace().workspaceName());
        writeCompute(root.putObject("compute"), request.operation());
        ObjectNode options = root.putObject("options");
        options.put("timeout", request.options().timeout().toString());
        switch (request.action()) {
            case ENSURE -> {
                options.put("waitForNodes", request.options().waitForNodes());
                options.put("onExisting", request.options().onExisting().wireName());
                options.put("onFailedLeftover", request.options().onFailedLeftover().wireName());
                options.put("preflight", request.options().preflight().wireName());
                if (request.options().lease() != null) {
                    options.putObject("lease").put("duration", request.options().lease().duration().toString())
                            .put("onExpiry", request.options().lease().onExpiry().wireName());
                }
                options.put("onCancel", request.options().onCancel().wireName());
            }
            case UPDATE -> {
                options.put("waitForNodes", request.options().waitForNodes());
                options.put("preflight", request.options().preflight().wireName());
            }
            case ATTACH -> {
                options.put("onExisting", request.options().onExisting().wireName());
                options.put("onCancel", request.options().onCancel().wireName());
            }
            case START -> options.put("preflight", request.options().preflight().wireName());
            case DETACH, DELETE, STOP, RESTART -> {
            }
            case RENEW, RELEASE, CANCEL -> throw new IllegalArgumentException("a compute request is never "
                    + request.action().wireName());
        }
        return root;
    }

    public static String toJson(ControlRequest control) {
        return write(control).toString();
    }

    /** A control request: its head and the fields of its action. */
    public static ObjectNode write(ControlRequest control) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schemaVersion", ComputeRequest.SCHEMA_VERSION);
        root.put("action", control.action().wireName());
        root.put("requestId", control.requestId());
        root.put("correlationId", control.correlationId());
        if (control instanceof ControlRequest.RenewLease renew) {
            root.put("leaseId", renew.leaseId());
            root.put("extendBy", renew.extendBy().toString());
        } else if (control instanceof ControlRequest.ReleaseLease release) {
            root.put("leaseId", release.leaseId());
        } else if (control instanceof ControlRequest.CancelRequest cancel) {
            root.put("targetRequestId", cancel.targetRequestId());
        }
        return root;
    }

    private static void writeCompute(ObjectNode compute, ComputeOperation operation) {
        compute.put("name", operation.computeName());
        if (operation.computeType() != null) {
            compute.put("type", operation.computeType().wireName());
        }
        if (operation instanceof EnsureAmlCompute ensure) {
            compute.put("vmSize", ensure.vmSize());
            compute.put("vmPriority", ensure.vmPriority().wireName());
            writeScale(compute, ensure.scale(), true);
            putIfPresent(compute, "location", ensure.location());
            putIfPresent(compute, "subnet", ensure.subnetId());
            writeIdentity(compute, ensure.identity());
            compute.put("osType", ensure.osType().wireName());
            compute.put("remoteLoginPortPublicAccess", ensure.remoteLoginPortPublicAccess().wireName());
            compute.put("enableNodePublicIp", ensure.enableNodePublicIp());
            writeAdmin(compute, ensure.adminUser());
            if (!ensure.tags().isEmpty()) {
                ObjectNode tags = compute.putObject("tags");
                ensure.tags().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
            }
            putIfPresent(compute, "description", ensure.description());
        } else if (operation instanceof AttachCompute attach) {
            writeTarget(compute, attach.target());
            writeIdentity(compute, attach.identity());
            putIfPresent(compute, "description", attach.description());
        } else if (operation instanceof UpdateScaleSettings update) {
            writeScale(compute, update.scale(), update.idleBeforeScaleDownGiven());
        } else if (operation instanceof EnsureComputeInstance instance) {
            InstanceWriter.write(compute, instance);
        } else if (!(operation instanceof DetachCompute) && !(operation instanceof DeleteCompute)
                && !(operation instanceof InstancePowerChange)) {
            throw new IllegalArgumentException("unknown operation " + operation);
        }
    }

    private static void writeScale(ObjectNode compute, ScaleSettings scale, boolean withIdle) {
        compute.put("minNodes", scale.minNodes());
        compute.put("maxNodes", scale.maxNodes());
        if (withIdle) {
            compute.put("idleSecondsBeforeScaleDown", scale.idleBeforeScaleDown().toSeconds());
        }
    }

    private static void writeTarget(ObjectNode compute, AttachTarget target) {
        compute.put("resourceId", target.resourceId());
        if (target instanceof AttachTarget.Databricks databricks) {
            writeSecret(compute, "accessToken", databricks.accessToken());
            putIfPresent(compute, "workspaceUrl", databricks.workspaceUrl());
        } else if (target instanceof AttachTarget.VirtualMachine vm) {
            putIfPresent(compute, "address", vm.address());
            compute.put("sshPort", vm.sshPort());
            writeAdmin(compute, vm.adminUser());
        } else if (target instanceof AttachTarget.HdInsight hdi) {
            putIfPresent(compute, "address", hdi.address());
            compute.put("sshPort", hdi.sshPort());
            writeAdmin(compute, hdi.adminUser());
        } else if (target instanceof AttachTarget.Kubernetes k8s) {
            compute.put("namespace", k8s.namespace());
            putIfPresent(compute, "defaultInstanceType", k8s.defaultInstanceType());
        }
    }

    private static void writeIdentity(ObjectNode compute, ManagedIdentity identity) {
        if (identity == null) {
            return;
        }
        ObjectNode node = compute.putObject("identity");
        node.put("type", identity.type().wireName());
        if (!identity.userAssignedIdentityIds().isEmpty()) {
            identity.userAssignedIdentityIds().forEach(node.putArray("userAssignedIdentities")::add);
        }
    }

    private static void writeAdmin(ObjectNode compute, AdminUser admin) {
        if (admin == null) {
            return;
        }
        ObjectNode node = compute.putObject("adminUser");
        node.put("username", admin.username());
        writeSecret(node, "password", admin.password());
        writeSecret(node, "sshPublicKey", admin.sshPublicKey());
        writeSecret(node, "sshPrivateKey", admin.sshPrivateKey());
    }

    static void writeSecret(ObjectNode parent, String field, SecretRef ref) {
        if (ref != null) {
            parent.putObject(field).put("secretRef", ref.uri());
        }
    }

    static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
