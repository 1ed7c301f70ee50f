package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The compute contract of one api-version: what a PUT and a PATCH body may hold, and what a response may show.
 * A request is checked against the contract of its own api-version; a compute stored under one version is shown
 * under another cut down to what that version has ({@link ResponseShape}), never with a field it lacks.
 *
 * @param computeResource   the PUT body and the resource returned
 * @param patchBody         the PATCH body ({@code ClusterUpdateParameters})
 * @param scaleSettingsPath where the PATCH body holds the scale settings
 */
record ComputeContract(ComputeApiVersion version, Shape.Obj computeResource, Shape.Obj patchBody,
                       String scaleSettingsPath) {

    private static final Map<ComputeApiVersion, ComputeContract> BY_VERSION = build();

    static ComputeContract of(ComputeApiVersion version) {
        return BY_VERSION.get(version);
    }

    /** Whether the version's {@code Compute} union has the type (Kubernetes from 2021-07-01, and so on). */
    boolean knows(ArmComputeType type) {
        return ComputeResourceShapes.knows(version, type);
    }

    /** Whether the emulator simulates the type in this version (ComputeInstance in some versions only). */
    boolean emulates(ArmComputeType type) {
        return type.emulated() && ComputeTypeShapes.forVersion(version).containsKey(type);
    }

    /** The resource as this version shows it: fields the version does not have are left out. */
    ObjectNode shape(ObjectNode resource) {
        return (ObjectNode) ResponseShape.cut(resource, computeResource);
    }

    String wireName() {
        return version.wireName();
    }

    private static Map<ComputeApiVersion, ComputeContract> build() {
        Map<ComputeApiVersion, ComputeContract> contracts = new EnumMap<>(ComputeApiVersion.class);
        for (ComputeApiVersion version : ComputeApiVersion.values()) {
            contracts.put(version, new ComputeContract(version, ComputeResourceShapes.computeResource(version),
                    ComputeResourceShapes.clusterUpdateParameters(version),
                    ComputeResourceShapes.patchScaleSettingsPath(version)));
        }
        return contracts;
    }
}
