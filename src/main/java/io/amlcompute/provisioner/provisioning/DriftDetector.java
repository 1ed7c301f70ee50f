package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstanceSchedule;
import io.amlcompute.provisioner.contract.event.Drift;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Field-by-field differences between what a request asks for and what an existing compute has. Only fields ARM
 * returns are compared (secrets never are), and a field ARM leaves out is not drift.
 */
public final class DriftDetector {

    /** Cluster fields a PATCH can change; every other difference needs the cluster to be recreated. */
    static final List<String> MUTABLE_FIELDS = List.of("minNodes", "maxNodes", "idleSecondsBeforeScaleDown");

    private DriftDetector() {
    }

    public static List<Drift> of(EnsureAmlCompute requested, ComputeResource actual) {
        List<Drift> drift = new ArrayList<>();
        ComputeResource.ClusterSettings cluster = actual.cluster();
        if (cluster == null) {
            return drift;
        }
        compareIgnoringCase(drift, "vmSize", requested.vmSize(), cluster.vmSize());
        compare(drift, "vmPriority", requested.vmPriority().wireName(), cluster.vmPriority());
        compare(drift, "minNodes", String.valueOf(requested.scale().minNodes()), str(cluster.minNodes()));
        compare(drift, "maxNodes", String.valueOf(requested.scale().maxNodes()), str(cluster.maxNodes()));
        compare(drift, "idleSecondsBeforeScaleDown", String.valueOf(requested.scale().idleBeforeScaleDown().toSeconds()),
                seconds(cluster.idleBeforeScaleDown()));
        compare(drift, "osType", requested.osType().wireName(), cluster.osType());
        compare(drift, "enableNodePublicIp", String.valueOf(requested.enableNodePublicIp()),
                str(cluster.enableNodePublicIp()));
        if (requested.subnetId() != null || cluster.subnetId() != null) {
            compareIgnoringCase(drift, "subnet", requested.subnetId(), cluster.subnetId());
        }
        // NotSpecified lets the service choose, so whatever it chose is not drift.
        if (!"NotSpecified".equals(requested.remoteLoginPortPublicAccess().wireName())) {
            compare(drift, "remoteLoginPortPublicAccess", requested.remoteLoginPortPublicAccess().wireName(),
                    cluster.remoteLoginPortPublicAccess());
        }
        // The request's location is the nodes' region (computeLocation); the envelope is always the workspace's.
        if (requested.location() != null) {
            compareIgnoringCase(drift, "location", requested.location(), actual.computeLocation());
        }
        return drift;
    }

    public static List<Drift> of(AttachCompute requested, ComputeResource actual) {
        List<Drift> drift = new ArrayList<>();
        compareIgnoringCase(drift, "resourceId", requested.target().resourceId(), actual.underlyingResourceId());
        if (requested.description() != null) {
            compare(drift, "description", requested.description(), actual.description());
        }
        return drift;
    }

    /**
     * An instance's differences. The ones fixed at creation ({@code InstanceActions.IMMUTABLE_FIELDS}) fail the request;
     * the others are reported. Schedules compare as a set of lines ({@link InstanceSchedule#describe()}); idle shutdown
     * and single sign-on only when ARM returns them (from api-version 2026-07-01, ADR 0013).
     */
    public static List<Drift> of(EnsureComputeInstance requested, ComputeResource actual) {
        List<Drift> drift = new ArrayList<>();
        ComputeResource.InstanceSettings instance = actual.instance();
        if (instance == null) {
            return drift;
        }
        compareIgnoringCase(drift, "vmSize", requested.vmSize(), instance.vmSize());
        String user = requested.assignedUser() == null ? null : requested.assignedUser().objectId();
        if (user != null || instance.assignedUserObjectId() != null) {
            compareIgnoringCase(drift, "assignedUser", user, instance.assignedUserObjectId());
        }
        if (requested.subnetId() != null || instance.subnetId() != null) {
            compareIgnoringCase(drift, "subnet", requested.subnetId(), instance.subnetId());
        }
        compare(drift, "sshPublicAccess", requested.ssh().publicAccess().wireName(), instance.sshPublicAccess());
        compare(drift, "applicationSharingPolicy", requested.applicationSharingPolicy().wireName(),
                instance.applicationSharingPolicy());
        compare(drift, "enableNodePublicIp", String.valueOf(requested.enableNodePublicIp()),
                str(instance.enableNodePublicIp()));
        compare(drift, "idleTimeBeforeShutdown", requested.idleTimeBeforeShutdown().toString(),
                normalized(instance.idleTimeBeforeShutdown()));
        compare(drift, "enableSSO", String.valueOf(requested.enableSso()), str(instance.enableSso()));
        if (instance.schedules() != null || !requested.schedules().isEmpty()) {
            List<String> wanted = requested.schedules().stream().map(InstanceSchedule::describe).sorted().toList();
            List<String> have = instance.schedules() == null ? List.of()
                    : instance.schedules().stream().sorted().toList();
            compare(drift, "schedules", String.join("; ", wanted), String.join("; ", have));
        }
        if (requested.description() != null) {
            compare(drift, "description", requested.description(), actual.description());
        }
        return drift;
    }

    /** An ISO-8601 duration in its canonical form (PT60M and PT1H are the same); as it came if it is not one. */
    private static String normalized(String isoDuration) {
        if (isoDuration == null) {
            return null;
        }
        try {
            return Duration.parse(isoDuration).toString();
        } catch (DateTimeParseException e) {
            return isoDuration;
        }
    }

    /** True when every difference is one a PATCH of the scale settings can fix. */
    public static boolean reconcilable(List<Drift> drift) {
        return drift.stream().allMatch(d -> MUTABLE_FIELDS.contains(d.field()));
    }

    private static void compare(List<Drift> drift, String field, String requested, String actual) {
        if (actual != null && !Objects.equals(requested, actual)) {
            drift.add(new Drift(field, requested, actual));
        }
    }

    private static void compareIgnoringCase(List<Drift> drift, String field, String requested, String actual) {
        String a = requested == null ? null : requested.toLowerCase(Locale.ROOT);
        String b = actual == null ? null : actual.toLowerCase(Locale.ROOT);
        if (actual != null && !Objects.equals(a, b)) {
            drift.add(new Drift(field, requested, actual));
        }
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }

    private static String seconds(String isoDuration) {
        if (isoDuration == null) {
            return null;
        }
        try {
            return String.valueOf(Duration.parse(isoDuration).toSeconds());
        } catch (DateTimeParseException e) {
            return isoDuration;
        }
    }
}
