package io.amlcompute.provisioner.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.AdminUser;
import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstanceSchedule;
import io.amlcompute.provisioner.contract.SetupScripts;
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
     * PUT {@code ComputeResource} of a new compute instance ({@code ComputeInstanceProperties}): the envelope in the
     * workspace's region, no {@code computeLocation} (an instance lives in its workspace's region), the assigned user
     * as {@code personalComputeInstanceSettings} with {@code computeInstanceAuthorizationType personal}, setup scripts
     * by reference as azure-ai-ml's {@code ScriptReference} sends them, schedules as {@code ComputeStartStopSchedule}s,
     * and {@code idleTimeBeforeShutdown} and {@code enableSSO}, which exist from api-version 2026-07-01 (ADR 0013).
     */
    static byte[] computeInstance(EnsureComputeInstance instance, String workspaceRegion, CreatorMark mark,
                                  SecretValues secrets) {
        ObjectNode resource = envelope(workspaceRegion, withMark(instance.tags(), mark), null);
        ObjectNode compute = resource.putObject("properties");
        compute.put("computeType", instance.computeType().wireName());
        if (instance.description() != null) {
            compute.put("description", instance.description());
        }
        ObjectNode properties = compute.putObject("properties");
        properties.put("vmSize", instance.vmSize());
        if (instance.subnetId() != null) {
            properties.putObject("subnet").put("id", instance.subnetId());
        }
        properties.put("applicationSharingPolicy", instance.applicationSharingPolicy().wireName());
        ObjectNode ssh = properties.putObject("sshSettings");
        ssh.put("sshPublicAccess", instance.ssh().publicAccess().wireName());
        putSecret(ssh, "adminPublicKey", instance.ssh().adminPublicKey(), secrets);
        if (instance.assignedUser() != null) {
            properties.put("computeInstanceAuthorizationType", "personal");
            properties.putObject("personalComputeInstanceSettings").putObject("assignedUser")
                    .put("objectId", instance.assignedUser().objectId())
                    .put("tenantId", instance.assignedUser().tenantId());
        }
        if (instance.setupScripts() != null) {
            ObjectNode scripts = properties.putObject("setupScripts").putObject("scripts");
            putScript(scripts, "creationScript", instance.setupScripts().creation());
            putScript(scripts, "startupScript", instance.setupScripts().startup());
        }
        if (!instance.schedules().isEmpty()) {
            ArrayNode schedules = properties.putObject("schedules").putArray("computeStartStop");
            instance.schedules().forEach(schedule -> putSchedule(schedules.addObject(), schedule));
        }
        properties.put("enableNodePublicIp", instance.enableNodePublicIp());
        properties.put("idleTimeBeforeShutdown", isoMinutes(instance.idleTimeBeforeShutdown()));
        properties.put("enableSSO", instance.enableSso());
        return bytes(resource);
    }

    /** azure-ai-ml's ScriptReference._to_rest_object: workspaceStorage, the path, the arguments, "<minutes>m". */
    private static void putScript(ObjectNode scripts, String field, SetupScripts.Script script) {
        if (script == null) {
            return;
        }
        ObjectNode reference = scripts.putObject(field);
        reference.put("scriptSource", "workspaceStorage");
        reference.put("scriptData", script.path());
        if (script.arguments() != null) {
            reference.put("scriptArguments", script.arguments());
        }
        if (script.timeout() != null) {
            reference.put("timeout", script.timeout().toMinutes() + "m");
        }
    }

    /** {@code ComputeStartStopSchedule}: status, action, triggerType and its Cron or Recurrence object. */
    private static void putSchedule(ObjectNode node, InstanceSchedule schedule) {
        node.put("status", schedule.enabled() ? "Enabled" : "Disabled");
        node.put("action", schedule.action().wireName());
        node.put("triggerType", schedule.trigger().triggerType());
        if (schedule.trigger() instanceof InstanceSchedule.Trigger.Cron cron) {
            ObjectNode trigger = node.putObject("cron");
            trigger.put("expression", cron.expression());
            trigger.put("timeZone", cron.timeZone());
            if (cron.startTime() != null) {
                trigger.put("startTime", cron.startTime());
            }
        } else if (schedule.trigger() instanceof InstanceSchedule.Trigger.Recurrence recurrence) {
            ObjectNode trigger = node.putObject("recurrence");
            trigger.put("frequency", recurrence.frequency().wireName());
            trigger.put("interval", recurrence.interval());
            trigger.put("timeZone", recurrence.timeZone());
            if (recurrence.startTime() != null) {
                trigger.put("startTime", recurrence.startTime());
            }
            ObjectNode times = trigger.putObject("schedule");
            recurrence.hours().forEach(times.putArray("hours")::add);
            recurrence.minutes().forEach(times.putArray("minutes")::add);
            if (!recurrence.weekDays().isEmpty()) {
                ArrayNode days = times.putArray("weekDays");
                recurrence.weekDays().forEach(day -> days.add(day.wireName()));
            }
            if (!recurrence.monthDays().isEmpty()) {
                recurrence.monthDays().forEach(times.putArray("monthDays")::add);
            }
        }
    }

    /** ISO-8601 in whole minutes, e.g. PT60M, the form azure-ai-ml sends (and reads back with PT([0-9]+)M). */
    static String isoMinutes(Duration duration) {
        return "PT" + duration.toMinutes() + "M";
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
