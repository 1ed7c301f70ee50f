package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.arm.ContractViolation.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a PUT body ({@code ComputeResource}) against the contract and turns a valid one into a
 * {@link ComputeDefinition} without secrets. All violations are reported at once.
 *
 * <p>Beyond the schema, the rules Azure ML applies and the schema cannot state: AmlCompute is created (needs
 * {@code vmSize} and {@code scaleSettings}, takes no {@code resourceId}); a ComputeInstance is created too
 * ({@link InstanceCreationRules}); the other emulated types are attached (need {@code resourceId}; Databricks also
 * its access token).
 */
final class PutBodyRules {

    /** The result of checking a PUT body. */
    sealed interface Outcome permits Valid, Invalid, Unsupported {
    }

    /** @param databricksToken the presented Databricks access token, or null for other types */
    record Valid(ComputeDefinition definition, Secret databricksToken) implements Outcome {
    }

    record Invalid(List<ContractViolation> violations) implements Outcome {
        Invalid {
            violations = List.copyOf(violations);
        }
    }

    /** A {@code computeType} of the contract that the emulator does not simulate. */
    record Unsupported(ArmComputeType computeType) implements Outcome {
    }

    private PutBodyRules() {
    }

    /** Checks the body against the contract of the request's api-version. */
    static Outcome check(JsonNode body, String workspaceLocation, ComputeContract contract) {
        // A type the version's union lacks (Kubernetes before 2021-07-01) is refused by the shape check below.
        Optional<ArmComputeType> type = computeType(body).filter(contract::knows);
        if (type.isPresent() && !contract.emulates(type.get())) {
            return new Unsupported(type.get());
        }
        List<ContractViolation> violations = new ArrayList<>(ShapeCheck.check(body, contract.computeResource()));
        type.ifPresent(t -> checkTypeRules(t, body.get("properties"), violations));
        if (!violations.isEmpty() || type.isEmpty()) {
            return new Invalid(violations);
        }
        return valid(type.get(), body, workspaceLocation);
    }

    private static Optional<ArmComputeType> computeType(JsonNode body) {
        JsonNode value = body.path("properties").path("computeType");
        return value.isTextual() ? ArmComputeType.fromWireName(value.textValue()) : Optional.empty();
    }

    private static void checkTypeRules(ArmComputeType type, JsonNode compute, List<ContractViolation> violations) {
        JsonNode resourceId = compute.get("resourceId");
        boolean hasResourceId = resourceId != null && !resourceId.isNull();
        JsonNode inner = compute.get("properties");
        boolean hasInner = inner != null && inner.isObject();
        if (type == ArmComputeType.AML_COMPUTE) {
            if (hasResourceId) {
                violations.add(new ContractViolation(Code.INVALID_VALUE, "properties.resourceId",
                        "AmlCompute is created by Azure ML and cannot be attached: leave out properties.resourceId."));
            }
            requireInner(hasInner, inner, "vmSize", "AmlCompute needs a VM size", violations);
            requireInner(hasInner, inner, "scaleSettings", "AmlCompute needs scale settings (maxNodeCount at least)",
                    violations);
            if (hasInner) {
                ScaleSettingsRule.check(inner.get("scaleSettings"), "properties.properties.scaleSettings", violations);
            }
            return;
        }
        if (type == ArmComputeType.COMPUTE_INSTANCE) {
            InstanceCreationRules.check(compute, violations);
            return;
        }
        if (!hasResourceId) {
            violations.add(new ContractViolation(Code.MISSING_REQUIRED_PROPERTY, "properties.resourceId",
                    "Azure ML attaches " + type.wireName() + " compute: 'properties.resourceId' must name the "
                            + AttachTargets.expectedType(type) + " resource to attach."));
        }
        if (type == ArmComputeType.DATABRICKS) {
            requireInner(hasInner, inner, "databricksAccessToken", "Attaching Databricks needs an access token",
                    violations);
        }
    }

    private static void requireInner(boolean hasInner, JsonNode inner, String field, String why,
                                     List<ContractViolation> violations) {
        JsonNode value = hasInner ? inner.get(field) : null;
        if (value == null || value.isNull()) {
            String path = "properties.properties." + field;
            violations.add(new ContractViolation(Code.MISSING_REQUIRED_PROPERTY, path,
                    why + ": '" + path + "' is required."));
        }
    }

    private static Valid valid(ArmComputeType type, JsonNode body, String workspaceLocation) {
        JsonNode compute = body.get("properties");
        JsonNode inner = compute.path("properties");
        ObjectNode properties = inner.isObject()
                ? (ObjectNode) SecretFields.withoutSecrets(inner, ComputeTypeShapes.BY_TYPE.get(type))
                : Json.MAPPER.createObjectNode();
        ComputeDefinition.ScaleSettings scale = null;
        String vmSize = null;
        if (type == ArmComputeType.AML_COMPUTE) {
            scale = ScaleSettingsRule.read(inner.get("scaleSettings"));
            vmSize = inner.get("vmSize").textValue();
        } else if (type == ArmComputeType.COMPUTE_INSTANCE) {
            vmSize = inner.get("vmSize").textValue();
        }
        Secret token = null;
        if (type == ArmComputeType.DATABRICKS) {
            token = new Secret(inner.get("databricksAccessToken").textValue());
        }
        ComputeDefinition definition = new ComputeDefinition(type,
                textOr(body.get("location"), workspaceLocation), copy(body.get("tags")), copy(body.get("sku")),
                copy(body.get("identity")), textOr(compute.get("description"), null),
                textOr(compute.get("computeLocation"), null),
                compute.hasNonNull("disableLocalAuth") ? compute.get("disableLocalAuth").booleanValue() : null,
                textOr(compute.get("resourceId"), null), properties, scale, vmSize);
        return new Valid(definition, token);
    }

    private static String textOr(JsonNode node, String fallback) {
        return node == null || node.isNull() ? fallback : node.textValue();
    }

    private static JsonNode copy(JsonNode node) {
        return node == null || node.isNull() ? null : node.deepCopy();
    }
}
