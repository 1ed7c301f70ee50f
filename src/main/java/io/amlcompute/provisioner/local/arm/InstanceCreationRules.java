package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.arm.ContractViolation.Code;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What Azure ML checks and decides when a compute instance is created, beyond the schema, each rule with its source:
 * the schema's own limits stated in prose (idle shutdown, schedules), the refusal of an SSH key for an instance
 * created on someone's behalf, and single sign-on turned off for such an instance when it has setup scripts or custom
 * applications.
 */
final class InstanceCreationRules {

    private static final Duration MIN_IDLE = Duration.ofMinutes(15);
    private static final Duration MAX_IDLE = Duration.ofDays(3);
    private static final int MAX_SCHEDULES = 4;

    private InstanceCreationRules() {
    }

    /** The type rules of a ComputeInstance PUT body ({@code compute} = the body's {@code properties}). */
    static void check(JsonNode compute, List<ContractViolation> violations) {
        JsonNode resourceId = compute.get("resourceId");
        if (resourceId != null && !resourceId.isNull()) {
            violations.add(new ContractViolation(Code.INVALID_VALUE, "properties.resourceId",
                    "A ComputeInstance is created by Azure ML and cannot be attached: leave out properties.resourceId."));
        }
        JsonNode inner = compute.path("properties");
        JsonNode vmSize = inner.get("vmSize");
        if (vmSize == null || vmSize.isNull()) {
            violations.add(new ContractViolation(Code.MISSING_REQUIRED_PROPERTY, "properties.properties.vmSize",
                    "A ComputeInstance needs a VM size: 'properties.properties.vmSize' is required."));
        }
        JsonNode idle = inner.get("idleTimeBeforeShutdown");
        if (idle != null && idle.isTextual()) {
            // "a string in ISO 8601 format", "a minimum of 15 mins and a maximum of three days" (Azure ML docs,
            // how-to-create-compute-instance, "Configure idle shutdown").
            try {
                Duration value = Duration.parse(idle.textValue());
                if (value.compareTo(MIN_IDLE) < 0 || value.compareTo(MAX_IDLE) > 0) {
                    violations.add(new ContractViolation(Code.INVALID_VALUE,
                            "properties.properties.idleTimeBeforeShutdown", "'properties.properties."
                            + "idleTimeBeforeShutdown' must be from PT15M to P3D."));
                }
            } catch (DateTimeParseException e) {
                // The shape check reports the format.
            }
        }
        JsonNode schedules = inner.path("schedules").path("computeStartStop");
        if (schedules.isArray() && schedules.size() > MAX_SCHEDULES) {
            // "You can create a total of four schedules per compute instance." (same page, "Schedule automatic start
            // and stop").
            violations.add(new ContractViolation(Code.INVALID_VALUE, "properties.properties.schedules.computeStartStop",
                    "A compute instance takes at most " + MAX_SCHEDULES + " schedules; this body has "
                            + schedules.size() + "."));
        }
    }

    /**
     * "UserError: Setting SSH key at creation time is not allowed when compute instance is provisioned on behalf of
     * another user." (MicrosoftDocs/azure-docs issue 109642, from the service). Checked on the raw body: the definition
     * the emulator keeps has no secret fields.
     */
    static void refuseSshKeyOnBehalf(JsonNode body) {
        JsonNode inner = body.path("properties").path("properties");
        boolean onBehalf = inner.path("personalComputeInstanceSettings").path("assignedUser").isObject();
        JsonNode key = inner.path("sshSettings").get("adminPublicKey");
        if (onBehalf && key != null && !key.isNull()) {
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("UserError",
                    "Setting SSH key at creation time is not allowed when compute instance is provisioned on behalf of"
                            + " another user.", "properties.properties.sshSettings.adminPublicKey"));
        }
    }

    /**
     * The definition as the service keeps it: "when you create a compute instance on behalf of a data scientist ...
     * single sign-on (SSO) will be disabled during creation if the compute instance has a setup script or custom app"
     * (Azure ML docs, how-to-create-compute-instance, "Create on behalf of"). Applied where the version has
     * {@code enableSSO}; the definition is this request's own copy.
     */
    static void settle(ComputeDefinition definition, ComputeContract contract) {
        ObjectNode inner = definition.properties();
        boolean onBehalf = inner.path("personalComputeInstanceSettings").path("assignedUser").isObject();
        boolean scriptsOrApps = inner.path("setupScripts").path("scripts").isObject()
                || (inner.path("customServices").isArray() && !inner.path("customServices").isEmpty());
        if (onBehalf && scriptsOrApps && ContractFeature.INSTANCE_SSO_AND_IDLE_SHUTDOWN.in(contract.version())) {
            inner.put("enableSSO", false);
        }
        JsonNode schedules = inner.path("schedules").path("computeStartStop");
        if (schedules.isArray()) {
            // The service answers with each schedule provisioned (ComputeStartStopSchedule.provisioningStatus, id).
            for (int i = 0; i < schedules.size(); i++) {
                if (schedules.get(i) instanceof ObjectNode schedule) {
                    schedule.put("provisioningStatus", "Completed");
                    schedule.set("id", Json.MAPPER.getNodeFactory().textNode(
                            java.util.UUID.nameUUIDFromBytes((definition.vmSize() + "/" + i + "/" + schedule)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()));
                }
            }
        }
    }
}
