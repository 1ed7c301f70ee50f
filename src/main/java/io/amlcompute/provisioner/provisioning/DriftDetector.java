package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
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
