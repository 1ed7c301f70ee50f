package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a PUT asked for, as the emulator keeps it: typed where the emulator reasons about a field, and the
 * type-specific {@code properties} object kept as JSON only to echo it back on GET. Secret fields are removed before
 * a definition is built, so nothing here may ever be redacted.
 *
 * @param tags,sku,identity echoed as sent (opaque to the emulator), or null
 * @param properties        {@code properties.properties} as sent, secrets removed; never null
 * @param scale             AmlCompute scale settings, null for other types
 * @param vmSize            AmlCompute {@code vmSize}, null for other types
 */
record ComputeDefinition(ArmComputeType computeType, String location, JsonNode tags, JsonNode sku, JsonNode identity,
                         String description, String computeLocation, Boolean disableLocalAuth, String resourceId,
                         ObjectNode properties, ScaleSettings scale, String vmSize) {

    /** AmlCompute {@code ScaleSettings} as the simulation needs them. */
    record ScaleSettings(int minNodeCount, int maxNodeCount) {
    }

    ComputeDefinition {
        Objects.requireNonNull(computeType, "computeType");
        Objects.requireNonNull(properties, "properties");
    }

    boolean attached() {
        return computeType.attachedOnly();
    }

    ComputeDefinition withScale(ScaleSettings newScale, JsonNode scaleSettingsAsSent) {
        ObjectNode newProperties = properties.deepCopy();
        newProperties.set("scaleSettings", scaleSettingsAsSent.deepCopy());
        return new ComputeDefinition(computeType, location, tags, sku, identity, description, computeLocation,
                disableLocalAuth, resourceId, newProperties, newScale, vmSize);
    }
}
