package io.amlcompute.provisioner.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.InstanceSchedule;
import io.amlcompute.provisioner.contract.InstanceStatus;
import io.amlcompute.provisioner.contract.WireNamed;
import io.amlcompute.provisioner.provisioning.ComputeResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a ComputeInstance's {@code properties.properties} (ComputeInstanceProperties, 2025-12-01 and 2026-07-01): its
 * settings for drift, and its status: {@code state}, {@code lastOperation}, the assigned user, and while it runs its
 * {@code applications} and, with public SSH, {@code connectivityEndpoints} with {@code sshSettings.sshPort}. Lenient as
 * {@link ComputeResourceReader} is: values are kept as ARM spells them and a missing field reads as null.
 */
final class InstanceResourceReader {

    private InstanceResourceReader() {
    }

    static ComputeResource.InstanceSettings settings(JsonNode inner) {
        JsonNode user = inner.path("personalComputeInstanceSettings").path("assignedUser");
        return new ComputeResource.InstanceSettings(
                text(inner.get("vmSize")),
                text(user.get("objectId")),
                text(user.get("tenantId")),
                text(inner.path("subnet").get("id")),
                text(inner.get("applicationSharingPolicy")),
                text(inner.path("sshSettings").get("sshPublicAccess")),
                bool(inner.get("enableNodePublicIp")),
                text(inner.get("idleTimeBeforeShutdown")),
                bool(inner.get("enableSSO")),
                schedules(inner.path("schedules").get("computeStartStop")));
    }

    static InstanceStatus status(JsonNode inner) {
        String state = text(inner.get("state"));
        JsonNode last = inner.get("lastOperation");
        InstanceStatus.LastOperation lastOperation = last == null || !last.isObject() ? null
                : new InstanceStatus.LastOperation(text(last.get("operationName")), text(last.get("operationStatus")),
                text(last.get("operationTime")), text(last.get("operationTrigger")));
        List<InstanceStatus.Application> applications = new ArrayList<>();
        JsonNode apps = inner.get("applications");
        if (apps != null && apps.isArray()) {
            apps.forEach(app -> {
                String uri = text(app.get("endpointUri"));
                if (uri != null) {
                    applications.add(new InstanceStatus.Application(text(app.get("displayName")), uri));
                }
            });
        }
        return new InstanceStatus(state, text(inner.path("personalComputeInstanceSettings").path("assignedUser")
                .get("objectId")), lastOperation, applications, ssh(inner));
    }

    /** The public address with the SSH port, when public SSH is enabled; the private one inside a subnet. */
    private static InstanceStatus.SshEndpoint ssh(JsonNode inner) {
        JsonNode settings = inner.path("sshSettings");
        JsonNode port = settings.get("sshPort");
        if (!"Enabled".equals(text(settings.get("sshPublicAccess"))) || port == null || !port.canConvertToInt()) {
            return null;
        }
        JsonNode endpoints = inner.path("connectivityEndpoints");
        String host = Optional.ofNullable(text(endpoints.get("publicIpAddress")))
                .orElse(text(endpoints.get("privateIpAddress")));
        return host == null ? null : new InstanceStatus.SshEndpoint(host, port.intValue());
    }

    /** Each schedule in {@link InstanceSchedule#describe()}'s words; one ARM wrote otherwise is kept as its JSON. */
    private static List<String> schedules(JsonNode list) {
        if (list == null || !list.isArray()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        list.forEach(node -> lines.add(schedule(node).map(InstanceSchedule::describe).orElse(node.toString())));
        return lines;
    }

    private static Optional<InstanceSchedule> schedule(JsonNode node) {
        try {
            Optional<InstanceSchedule.PowerAction> action = WireNamed.lookup(InstanceSchedule.PowerAction.class,
                    text(node.get("action")));
            boolean enabled = !"Disabled".equals(text(node.get("status")));
            InstanceSchedule.Trigger trigger;
            if ("Cron".equals(text(node.get("triggerType")))) {
                JsonNode cron = node.path("cron");
                trigger = new InstanceSchedule.Trigger.Cron(text(cron.get("expression")), zone(cron),
                        text(cron.get("startTime")));
            } else {
                JsonNode recurrence = node.path("recurrence");
                JsonNode times = recurrence.path("schedule");
                trigger = new InstanceSchedule.Trigger.Recurrence(
                        WireNamed.lookup(InstanceSchedule.Frequency.class, text(recurrence.get("frequency"))).orElseThrow(),
                        recurrence.path("interval").asInt(1), zone(recurrence), text(recurrence.get("startTime")),
                        numbers(times.get("hours")), numbers(times.get("minutes")),
                        numbers(times.get("weekDays")).isEmpty() ? List.of() : days(times.get("weekDays")),
                        numbers(times.get("monthDays")));
            }
            return action.map(a -> new InstanceSchedule(a, enabled, trigger));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** ARM's default time zone is UTC ({@code Cron.timeZone}, {@code Recurrence.timeZone}). */
    private static String zone(JsonNode trigger) {
        String zone = text(trigger.get("timeZone"));
        return zone == null ? "UTC" : zone;
    }

    private static List<Integer> numbers(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> values.add(item.isInt() ? item.intValue() : -1));
        }
        return values;
    }

    private static List<InstanceSchedule.WeekDay> days(JsonNode array) {
        List<InstanceSchedule.WeekDay> days = new ArrayList<>();
        array.forEach(item -> days.add(WireNamed.lookup(InstanceSchedule.WeekDay.class, item.asText()).orElseThrow()));
        return days;
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static Boolean bool(JsonNode node) {
        return node != null && node.isBoolean() ? node.booleanValue() : null;
    }
}
