package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.arm.ComputeDefinition.ScaleSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a PATCH body ({@code ClusterUpdateParameters}): exactly
 * {@code {"properties":{"properties":{"scaleSettings":{...}}}}} from api-version 2021-07-01, and
 * {@code {"properties":{"scaleSettings":{...}}}} before, since scale settings are all a PATCH can change
 * (contract notes 3.6). Anything else, including the other version's nesting, is an unknown property.
 */
final class PatchBodyRules {

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

    static Outcome check(JsonNode body, ComputeContract contract) {
        List<ContractViolation> violations = new ArrayList<>(ShapeCheck.check(body, contract.patchBody()));
        JsonNode scaleSettings = body;
        for (String key : contract.scaleSettingsPath().split("\\.")) {
            scaleSettings = scaleSettings.path(key);
        }
        ScaleSettingsRule.check(scaleSettings, contract.scaleSettingsPath(), violations);
        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        return new Valid(ScaleSettingsRule.read(scaleSettings), scaleSettings);
    }
}
