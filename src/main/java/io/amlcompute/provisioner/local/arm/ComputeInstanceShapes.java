package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.Shape.Field.optional;
import static io.amlcompute.provisioner.local.arm.Shape.Field.readOnly;
import static io.amlcompute.provisioner.local.arm.Shape.Field.required;
import static io.amlcompute.provisioner.local.arm.Shape.Field.secret;

import io.amlcompute.provisioner.local.arm.Shape.Field;
import io.amlcompute.provisioner.local.arm.Shape.Obj;
import io.amlcompute.provisioner.local.arm.Shape.OneOf;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ComputeInstanceProperties} (the ComputeInstance type's {@code properties.properties}), transcribed from
 * machineLearningServices.json 2025-12-01 (definitions ComputeInstanceProperties, ComputeInstanceSshSettings,
 * PersonalComputeInstanceSettings, AssignedUser, SetupScripts, ScriptsToExecute, ScriptReference, ComputeSchedules,
 * ComputeStartStopSchedule, Recurrence, ComputeRecurrenceSchedule, Cron, ScheduleBase), plus {@code enableSSO} and
 * {@code idleTimeBeforeShutdown} from 2026-07-01 (contract notes section 7). The emulator serves ComputeInstance in
 * those two versions only ({@link ContractFeature#COMPUTE_INSTANCE_EMULATED}): the shape of the versions between was
 * not established, and older ones differ (docs/local/arm-emulator.md).
 */
final class ComputeInstanceShapes {

    private static final OneOf WEEK_DAY = new OneOf("ComputeWeekDay",
            List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"));

    private ComputeInstanceShapes() {
    }

    static Obj properties(ComputeApiVersion version) {
        List<Field> fields = new ArrayList<>(List.of(
                optional("vmSize", Shape.TEXT),
                optional("subnet", ComputeTypeShapes.RESOURCE_ID),
                optional("applicationSharingPolicy", new OneOf("applicationSharingPolicy", List.of("Personal", "Shared"))),
                optional("sshSettings", Obj.of("ComputeInstanceSshSettings",
                        optional("sshPublicAccess", new OneOf("sshPublicAccess", List.of("Enabled", "Disabled"))),
                        readOnly("adminUserName"),
                        readOnly("sshPort"),
                        // Not x-ms-secret in the spec. The app sends it from a secret reference, so the emulator treats
                        // it as one: never stored, logged or returned (a GET of the real service may show it).
                        secret("adminPublicKey"))),
                optional("customServices", new Shape.ListOf(Shape.ANY_OBJECT)),
                readOnly("osImageMetadata"),
                readOnly("connectivityEndpoints"),
                readOnly("applications"),
                readOnly("createdBy"),
                readOnly("errors", new Shape.ListOf(ComputeResourceShapes.errorResponse(version))),
                readOnly("state"),
                optional("computeInstanceAuthorizationType",
                        new OneOf("ComputeInstanceAuthorizationType", List.of("personal"))),
                optional("personalComputeInstanceSettings", Obj.of("PersonalComputeInstanceSettings",
                        optional("assignedUser", Obj.of("AssignedUser",
                                required("objectId", Shape.TEXT),
                                required("tenantId", Shape.TEXT))))),
                optional("setupScripts", Obj.of("SetupScripts",
                        optional("scripts", Obj.of("ScriptsToExecute",
                                optional("startupScript", scriptReference()),
                                optional("creationScript", scriptReference()))))),
                readOnly("lastOperation"),
                optional("schedules", Obj.of("ComputeSchedules",
                        optional("computeStartStop", new Shape.ListOf(startStopSchedule())))),
                optional("enableNodePublicIp", Shape.BOOLEAN),
                readOnly("containers"),
                readOnly("dataDisks"),
                readOnly("dataMounts"),
                readOnly("versions")));
        if (ContractFeature.INSTANCE_SSO_AND_IDLE_SHUTDOWN.in(version)) {
            fields.add(optional("enableSSO", Shape.BOOLEAN));
            fields.add(optional("idleTimeBeforeShutdown", Shape.DURATION));
        }
        return new Obj("ComputeInstanceProperties", fields, null);
    }

    private static Obj scriptReference() {
        return Obj.of("ScriptReference",
                optional("scriptSource", Shape.TEXT),
                optional("scriptData", Shape.TEXT),
                optional("scriptArguments", Shape.TEXT),
                optional("timeout", Shape.TEXT));
    }

    private static Obj startStopSchedule() {
        OneOf status = new OneOf("ScheduleStatus", List.of("Enabled", "Disabled"));
        return Obj.of("ComputeStartStopSchedule",
                readOnly("id"),
                readOnly("provisioningStatus"),
                optional("status", status),
                optional("action", new OneOf("ComputePowerAction", List.of("Start", "Stop"))),
                optional("triggerType", new OneOf("ComputeTriggerType", List.of("Recurrence", "Cron"))),
                optional("recurrence", Obj.of("Recurrence",
                        optional("frequency", new OneOf("ComputeRecurrenceFrequency",
                                List.of("Minute", "Hour", "Day", "Week", "Month"))),
                        optional("interval", Shape.INT32),
                        optional("startTime", Shape.TEXT),
                        optional("timeZone", Shape.TEXT),
                        optional("schedule", Obj.of("ComputeRecurrenceSchedule",
                                required("hours", new Shape.ListOf(Shape.INT32)),
                                required("minutes", new Shape.ListOf(Shape.INT32)),
                                optional("monthDays", new Shape.ListOf(Shape.INT32)),
                                optional("weekDays", new Shape.ListOf(WEEK_DAY)))))),
                optional("cron", Obj.of("Cron",
                        optional("startTime", Shape.TEXT),
                        optional("timeZone", Shape.TEXT),
                        optional("expression", Shape.TEXT))),
                optional("schedule", Obj.of("ScheduleBase",
                        optional("id", Shape.TEXT),
                        optional("provisioningStatus", new OneOf("ScheduleProvisioningState",
                                List.of("Completed", "Provisioning", "Failed"))),
                        optional("status", status))));
    }
}
