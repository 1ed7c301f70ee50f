package io.amlcompute.provisioner.contract.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstanceSchedule;
import io.amlcompute.provisioner.contract.SetupScripts;

import java.util.Map;

/** The canonical JSON of a compute instance's {@code $.compute}, every default spelled out ({@link RequestWriter}). */
final class InstanceWriter {

    private InstanceWriter() {
    }

    static void write(ObjectNode compute, EnsureComputeInstance instance) {
        compute.put("vmSize", instance.vmSize());
        if (instance.assignedUser() != null) {
            compute.putObject("assignedUser").put("objectId", instance.assignedUser().objectId())
                    .put("tenantId", instance.assignedUser().tenantId());
        }
        compute.put("applicationSharingPolicy", instance.applicationSharingPolicy().wireName());
        ObjectNode ssh = compute.putObject("sshSettings");
        ssh.put("sshPublicAccess", instance.ssh().publicAccess().wireName());
        RequestWriter.writeSecret(ssh, "adminPublicKey", instance.ssh().adminPublicKey());
        RequestWriter.putIfPresent(compute, "subnet", instance.subnetId());
        compute.put("enableNodePublicIp", instance.enableNodePublicIp());
        compute.put("idleTimeBeforeShutdown", instance.idleTimeBeforeShutdown().toString());
        if (!instance.schedules().isEmpty()) {
            ArrayNode schedules = compute.putArray("schedules");
            instance.schedules().forEach(schedule -> writeSchedule(schedules.addObject(), schedule));
        }
        compute.put("enableSSO", instance.enableSso());
        if (instance.setupScripts() != null) {
            ObjectNode scripts = compute.putObject("setupScripts");
            writeScript(scripts, "creation", instance.setupScripts().creation());
            writeScript(scripts, "startup", instance.setupScripts().startup());
        }
        if (!instance.tags().isEmpty()) {
            ObjectNode tags = compute.putObject("tags");
            instance.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
        }
        RequestWriter.putIfPresent(compute, "description", instance.description());
    }

    private static void writeSchedule(ObjectNode node, InstanceSchedule schedule) {
        node.put("action", schedule.action().wireName());
        node.put("status", schedule.enabled() ? "Enabled" : "Disabled");
        if (schedule.trigger() instanceof InstanceSchedule.Trigger.Cron cron) {
            ObjectNode trigger = node.putObject("cron");
            trigger.put("expression", cron.expression());
            trigger.put("timeZone", cron.timeZone());
            RequestWriter.putIfPresent(trigger, "startTime", cron.startTime());
        } else if (schedule.trigger() instanceof InstanceSchedule.Trigger.Recurrence recurrence) {
            ObjectNode trigger = node.putObject("recurrence");
            trigger.put("frequency", recurrence.frequency().wireName());
            trigger.put("interval", recurrence.interval());
            trigger.put("timeZone", recurrence.timeZone());
            RequestWriter.putIfPresent(trigger, "startTime", recurrence.startTime());
            recurrence.hours().forEach(trigger.putArray("hours")::add);
            recurrence.minutes().forEach(trigger.putArray("minutes")::add);
            if (!recurrence.weekDays().isEmpty()) {
                ArrayNode days = trigger.putArray("weekDays");
                recurrence.weekDays().forEach(day -> days.add(day.wireName()));
            }
            if (!recurrence.monthDays().isEmpty()) {
                recurrence.monthDays().forEach(trigger.putArray("monthDays")::add);
            }
        }
    }

    private static void writeScript(ObjectNode scripts, String field, SetupScripts.Script script) {
        if (script == null) {
            return;
        }
        ObjectNode node = scripts.putObject(field);
        node.put("path", script.path());
        RequestWriter.putIfPresent(node, "arguments", script.arguments());
        if (script.timeout() != null) {
            node.put("timeout", script.timeout().toString());
        }
    }
}
