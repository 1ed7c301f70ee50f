package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.arm.ComputeDefinition.ScaleSettings;
import io.amlcompute.provisioner.local.arm.ContractViolation.Code;
import java.util.List;

/**
 * What the schema cannot say about {@code ScaleSettings} (PUT and PATCH alike): node counts are not negative and
 * {@code maxNodeCount} is at least {@code minNodeCount} (which defaults to 0).
 */
final class ScaleSettingsRule {

    private ScaleSettingsRule() {
    }

    /** Adds a violation per broken rule; fields of the wrong type are left to the schema check. */
    static void check(JsonNode scaleSettings, String path, List<ContractViolation> violations) {
        if (scaleSettings == null || !scaleSettings.isObject()) {
            return;
        }
        JsonNode min = scaleSettings.get("minNodeCount");
        JsonNode max = scaleSettings.get("maxNodeCount");
        boolean minUsable = min == null || min.isNull() || min.canConvertToInt() && min.isIntegralNumber();
        int minValue = min != null && min.isIntegralNumber() && min.canConvertToInt() ? min.intValue() : 0;
        if (minValue < 0) {
            violations.add(new ContractViolation(Code.INVALID_VALUE, path + ".minNodeCount",
                    "'" + path + ".minNodeCount' must not be negative."));
        }
        if (max != null && max.isIntegralNumber() && max.canConvertToInt() && minUsable) {
            if (max.intValue() < 0) {
                violations.add(new ContractViolation(Code.INVALID_VALUE, path + ".maxNodeCount",
                        "'" + path + ".maxNodeCount' must not be negative."));
            } else if (max.intValue() < minValue) {
                violations.add(new ContractViolation(Code.INVALID_VALUE, path + ".maxNodeCount",
                        "'" + path + ".maxNodeCount' (" + max.intValue() + ") must be at least minNodeCount ("
                                + minValue + ")."));
            }
        }
    }

    /** The settings of a body that passed {@link #check} and the schema check. */
    static ScaleSettings read(JsonNode scaleSettings) {
        JsonNode min = scaleSettings.get("minNodeCount");
        int minNodes = min == null || min.isNull() ? 0 : min.intValue();
        return new ScaleSettings(minNodes, scaleSettings.get("maxNodeCount").intValue());
    }
}
