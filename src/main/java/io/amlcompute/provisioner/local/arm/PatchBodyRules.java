package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.arm.ComputeDefinition.ScaleSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a PATCH body ({@code ClusterUpdateParameters}): exactly
 * {@code {"properties":{"properties":{"scaleSettings":{...}}}}}, since scale settings are all a PATCH can change
 * (contract notes 3.6). Anything else, including the common single-{@code properties} mistake, is an unknown property.
 */
final class PatchBodyRules {

    static final String SCALE_SETTINGS_PATH = "properties.properties.scaleSettings";

    sealed interface Outcome permits Valid, Invalid {
    }

    /** @param scaleSettingsAsSent the {@code scaleSettings} object as sent, to echo on GET */
    record Valid(ScaleSettings scale, JsonNode scaleSettingsAsSent) implements Outcome {
    }

    record Invalid(List<ContractViolation> violations) implements Outcome {
        Invalid {
            violations = List.copyOf(violations);
        }
    }

    private PatchBodyRules() {
    }

    static Outcome check(JsonNode body) {
        List<ContractViolation> violations = new ArrayList<>(
                ShapeCheck.check(body, ComputeResourceShapes.CLUSTER_UPDATE_PARAMETERS));
        JsonNode scaleSettings = body.path("properties").path("properties").path("scaleSettings");
        ScaleSettingsRule.check(scaleSettings, SCALE_SETTINGS_PATH, violations);
        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        return new Valid(ScaleSettingsRule.read(scaleSettings), scaleSettings);
    }
}
