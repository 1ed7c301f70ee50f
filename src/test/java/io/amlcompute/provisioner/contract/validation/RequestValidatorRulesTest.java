package io.amlcompute.provisioner.contract.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.amlcompute.provisioner.contract.validation.ReasonCode.*;
import static io.amlcompute.provisioner.contract.validation.Samples.with;
import static io.amlcompute.provisioner.contract.validation.Samples.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One row per rule: a sample with one defect, and the reason code and JSONPath the defect must be reported
 * with. Removing a rule from the validator makes its row fail.
 */
class RequestValidatorRulesTest {

    private static final String ENSURE = "ensure-amlcompute.json";
    private static final String DATABRICKS = "attach-databricks.json";
    private static final String VM = "attach-virtualmachine.json";
    private static final String K8S = "attach-kubernetes.json";
    private static final String HDI = "attach-hdinsight.json";
    private static final String SYNAPSE = "attach-synapsespark.json";
    private static final String IN_DEMO_GROUP =
            "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml-demo/providers/";
    private static final String UPDATE = "update-scale.json";
    /** A well-formed subnet id that no policy in these tests allows. */
    private static final String OTHER_SUBNET = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/"
            + "rg-net/providers/Microsoft.Network/virtualNetworks/vnet-other/subnets/aml";
    private static final String DETACH = "detach-databricks.json";
    private static final String DELETE = "delete-amlcompute.json";

    static Stream<Arguments> rules() {
        return Stream.of(
                row("empty body", "", MALFORMED_JSON, "$"),
                row("blank body", "   \n", MALFORMED_JSON, "$"),
                row("not JSON", "ensure aml-cluster please", MALFORMED_JSON, "$"),
                row("truncated JSON", "{\"schemaVersion\": \"1.0\", ", MALFORMED_JSON, "$"),
                row("two JSON values", "{} {}", MALFORMED_JSON, "$"),
                row("duplicate key", "{\"action\":\"ensure\",\"action\":\"delete\"}", DUPLICATE_KEY, "$"),
                row("deeply nested JSON", "[".repeat(5000) + "]".repeat(5000), NESTING_TOO_DEEP, "$"),
                row("a number of 5000 digits", "{\"schemaVersion\": " + "9".repeat(5000) + "}", MALFORMED_JSON, "$"),
                row("a JSON array", "[1,2,3]", NOT_AN_OBJECT, "$"),
                row("a JSON string", "\"ensure\"", NOT_AN_OBJECT, "$"),
                row("oversized message", "{\"pad\":\"" + "x".repeat(300_000) + "\"}", MESSAGE_TOO_LARGE, "$"),
                row("schema version 2.0", with(ENSURE, "/schemaVersion", "\"2.0\""), UNSUPPORTED_SCHEMA_VERSION, "$.schemaVersion"),
                row("schema version missing", without(ENSURE, "/schemaVersion"), MISSING_FIELD, "$.schemaVersion"),
                row("action missing", without(ENSURE, "/action"), MISSING_FIELD, "$.action"),
                row("unknown action", with(ENSURE, "/action", "\"create\""), UNKNOWN_ACTION, "$.action"),
                row("action in upper case", with(ENSURE, "/action", "\"ENSURE\""), UNKNOWN_ACTION, "$.action"),
                row("unknown top-level field", with(ENSURE, "/priority", "\"high\""), UNKNOWN_FIELD, "$.priority"),
                row("workspace missing", without(ENSURE, "/workspace"), MISSING_FIELD, "$.workspace"),
                row("workspace is a string", with(ENSURE, "/workspace", "\"mlw-demo\""), WRONG_TYPE, "$.workspace"),
                row("subscription missing", without(ENSURE, "/workspace/subscriptionId"), MISSING_FIELD, "$.workspace.subscriptionId"),
                row("subscription not a GUID", with(ENSURE, "/workspace/subscriptionId", "\"my-subscription\""), INVALID_SUBSCRIPTION_ID, "$.workspace.subscriptionId"),
                row("resource group ending in a dot", with(ENSURE, "/workspace/resourceGroup", "\"rg-ml.\""), INVALID_RESOURCE_GROUP, "$.workspace.resourceGroup"),
                row("resource group with a slash", with(ENSURE, "/workspace/resourceGroup", "\"rg/../other\""), INVALID_RESOURCE_GROUP, "$.workspace.resourceGroup"),
                row("resource group of dots", with(ENSURE, "/workspace/resourceGroup", "\"..\""), INVALID_RESOURCE_GROUP, "$.workspace.resourceGroup"),
                row("workspace name too short", with(ENSURE, "/workspace/workspaceName", "\"ws\""), INVALID_WORKSPACE_NAME, "$.workspace.workspaceName"),
                row("workspace name with path", with(ENSURE, "/workspace/workspaceName", "\"mlw/computes/x\""), INVALID_WORKSPACE_NAME, "$.workspace.workspaceName"),
                row("unknown workspace field", with(ENSURE, "/workspace/region", "\"westeurope\""), UNKNOWN_FIELD, "$.workspace.region"),
                row("compute missing", without(ENSURE, "/compute"), MISSING_FIELD, "$.compute"),
                row("compute is an array", with(ENSURE, "/compute", "[]"), WRONG_TYPE, "$.compute"),
                row("compute name missing", without(ENSURE, "/compute/name"), MISSING_FIELD, "$.compute.name"),
                row("compute name ending in -digits", with(ENSURE, "/compute/name", "\"gpu-cluster-01\""), INVALID_COMPUTE_NAME, "$.compute.name"),
                row("compute name too short", with(ENSURE, "/compute/name", "\"ab\""), INVALID_COMPUTE_NAME, "$.compute.name"),
                row("compute name too long", with(ENSURE, "/compute/name", "\"a234567890123456789012345\""), INVALID_COMPUTE_NAME, "$.compute.name"),
                row("compute name starting with a digit", with(ENSURE, "/compute/name", "\"1cluster\""), INVALID_COMPUTE_NAME, "$.compute.name"),
                row("compute name with a path", with(ENSURE, "/compute/name", "\"a/../../x\""), INVALID_COMPUTE_NAME, "$.compute.name"),
                row("compute name with a query", with(ENSURE, "/compute/name", "\"abc?api-version=1\""), INVALID_COMPUTE_NAME, "$.compute.name"),
                row("compute type missing on ensure", without(ENSURE, "/compute/type"), MISSING_FIELD, "$.compute.type"),
                row("unknown compute type", with(ENSURE, "/compute/type", "\"Aks\""), UNKNOWN_COMPUTE_TYPE, "$.compute.type"),
                row("compute type in wrong case", with(ENSURE, "/compute/type", "\"amlcompute\""), UNKNOWN_COMPUTE_TYPE, "$.compute.type"),
                row("ensure of Databricks", with(ENSURE, "/compute/type", "\"Databricks\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"),
                row("attach of AmlCompute", with(DATABRICKS, "/compute/type", "\"AmlCompute\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"),
                row("update of Databricks", with(UPDATE, "/compute/type", "\"Databricks\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"),
                row("detach of AmlCompute", with(DETACH, "/compute/type", "\"AmlCompute\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"),
                row("delete of Databricks", with(DELETE, "/compute/type", "\"Databricks\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"),
                row("vmSize missing", without(ENSURE, "/compute/vmSize"), MISSING_FIELD, "$.compute.vmSize"),
                row("vmSize with spaces", with(ENSURE, "/compute/vmSize", "\"Standard DS3\""), INVALID_VALUE, "$.compute.vmSize"),
                row("maxNodes missing", without(ENSURE, "/compute/maxNodes"), MISSING_FIELD, "$.compute.maxNodes"),
                row("maxNodes as a string", with(ENSURE, "/compute/maxNodes", "\"4\""), WRONG_TYPE, "$.compute.maxNodes"),
                row("maxNodes as a decimal", with(ENSURE, "/compute/maxNodes", "4.0"), WRONG_TYPE, "$.compute.maxNodes"),
                row("maxNodes null", with(ENSURE, "/compute/maxNodes", "null"), WRONG_TYPE, "$.compute.maxNodes"),
                row("maxNodes zero", with(ENSURE, "/compute/maxNodes", "0"), OUT_OF_RANGE, "$.compute.maxNodes"),
                row("maxNodes beyond int", with(ENSURE, "/compute/maxNodes", "99999999999999999999"), OUT_OF_RANGE, "$.compute.maxNodes"),
                row("minNodes negative", with(ENSURE, "/compute/minNodes", "-1"), OUT_OF_RANGE, "$.compute.minNodes"),
                row("minNodes above maxNodes", with(ENSURE, "/compute/minNodes", "5"), MIN_EXCEEDS_MAX, "$.compute.minNodes"),
                row("idle seconds negative", with(ENSURE, "/compute/idleSecondsBeforeScaleDown", "-5"), OUT_OF_RANGE, "$.compute.idleSecondsBeforeScaleDown"),
                row("vmPriority in lower case", with(ENSURE, "/compute/vmPriority", "\"dedicated\""), INVALID_VALUE, "$.compute.vmPriority"),
                row("osType unknown", with(ENSURE, "/compute/osType", "\"MacOS\""), INVALID_VALUE, "$.compute.osType"),
                row("remote login unknown", with(ENSURE, "/compute/remoteLoginPortPublicAccess", "\"Open\""), INVALID_VALUE, "$.compute.remoteLoginPortPublicAccess"),
                row("enableNodePublicIp as a string", with(ENSURE, "/compute/enableNodePublicIp", "\"true\""), WRONG_TYPE, "$.compute.enableNodePublicIp"),
                row("location with a hyphen", with(ENSURE, "/compute/location", "\"west-europe\""), INVALID_VALUE, "$.compute.location"),
                row("subnet not a resource id", with(ENSURE, "/compute/subnet", "\"default\""), INVALID_RESOURCE_ID, "$.compute.subnet"),
                row("subnet of another type", with(ENSURE, "/compute/subnet", "\"/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet\""), WRONG_RESOURCE_TYPE, "$.compute.subnet"),
                row("identity type unknown", with(ENSURE, "/compute/identity", "{\"type\":\"Both\"}"), INVALID_VALUE, "$.compute.identity.type"),
                row("user-assigned identity without ids", with(ENSURE, "/compute/identity", "{\"type\":\"UserAssigned\"}"), MISSING_FIELD, "$.compute.identity.userAssignedIdentities"),
                row("user-assigned identity of wrong type", with(ENSURE, "/compute/identity", "{\"type\":\"UserAssigned\",\"userAssignedIdentities\":[\"/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm\"]}"), INVALID_RESOURCE_ID, "$.compute.identity.userAssignedIdentities[0]"),
                row("system identity with ids", with(ENSURE, "/compute/identity", "{\"type\":\"SystemAssigned\",\"userAssignedIdentities\":[]}"), INVALID_VALUE, "$.compute.identity.userAssignedIdentities"),
                row("admin user without credential", with(ENSURE, "/compute/adminUser", "{\"username\":\"azureuser\"}"), MISSING_FIELD, "$.compute.adminUser"),
                row("admin password inline", with(ENSURE, "/compute/adminUser/password", "\"hunter2\""), SECRET_INLINE, "$.compute.adminUser.password"),
                row("admin password as a number", with(ENSURE, "/compute/adminUser/password", "123456"), SECRET_INLINE, "$.compute.adminUser.password"),
                row("secret ref over http", with(ENSURE, "/compute/adminUser/password", "{\"secretRef\":\"http://kv1.vault.azure.net/secrets/pw\"}"), INVALID_SECRET_REF, "$.compute.adminUser.password"),
                row("secret ref to another host", with(ENSURE, "/compute/adminUser/password", "{\"secretRef\":\"https://example.com/secrets/pw\"}"), INVALID_SECRET_REF, "$.compute.adminUser.password"),
                row("secret ref with a value beside it", with(ENSURE, "/compute/adminUser/password", "{\"secretRef\":\"local:pw\",\"value\":\"hunter2\"}"), INVALID_SECRET_REF, "$.compute.adminUser.password"),
                row("private key on AmlCompute", with(ENSURE, "/compute/adminUser/sshPrivateKey", "{\"secretRef\":\"local:key\"}"), UNKNOWN_FIELD, "$.compute.adminUser.sshPrivateKey"),
                row("tags value a number", with(ENSURE, "/compute/tags", "{\"team\": 7}"), WRONG_TYPE, "$.compute.tags['team']"),
                row("tag name with a slash", with(ENSURE, "/compute/tags", "{\"a/b\": \"x\"}"), INVALID_VALUE, "$.compute.tags['a/b']"),
                row("tag named like the creator mark", with(ENSURE, "/compute/tags", "{\"IO.AmlCompute.RequestId\": \"x\"}"), INVALID_VALUE, "$.compute.tags['IO.AmlCompute.RequestId']"),
                row("fifty tags", with(ENSURE, "/compute/tags", fiftyTags()), OUT_OF_RANGE, "$.compute.tags"),
                row("description with control characters", with(ENSURE, "/compute/description", "\"line\\u0000break\""), INVALID_VALUE, "$.compute.description"),
                row("field of another compute type", with(ENSURE, "/compute/accessToken", "{\"secretRef\":\"local:t\"}"), UNKNOWN_FIELD, "$.compute.accessToken"),
                row("databricks without token", without(DATABRICKS, "/compute/accessToken"), MISSING_FIELD, "$.compute.accessToken"),
                row("databricks token inline", with(DATABRICKS, "/compute/accessToken", "\"dapi0123456789abcdef\""), SECRET_INLINE, "$.compute.accessToken"),
                row("databricks with vmSize", with(DATABRICKS, "/compute/vmSize", "\"Standard_DS3_v2\""), UNKNOWN_FIELD, "$.compute.vmSize"),
                row("attach without resource id", without(DATABRICKS, "/compute/resourceId"), MISSING_FIELD, "$.compute.resourceId"),
                row("attach resource id malformed", with(DATABRICKS, "/compute/resourceId", "\"dbw-demo\""), INVALID_RESOURCE_ID, "$.compute.resourceId"),
                row("databricks id pointing at a VM", with(DATABRICKS, "/compute/resourceId", "\"/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm\""), WRONG_RESOURCE_TYPE, "$.compute.resourceId"),
                row("workspace url not a host", with(DATABRICKS, "/compute/workspaceUrl", "\"https://adb.net/\""), INVALID_VALUE, "$.compute.workspaceUrl"),
                row("vm without admin user", without(VM, "/compute/adminUser"), MISSING_FIELD, "$.compute.adminUser"),
                row("vm ssh port out of range", with(VM, "/compute/sshPort", "70000"), OUT_OF_RANGE, "$.compute.sshPort"),
                row("vm address not a host", with(VM, "/compute/address", "\"10.0.0.4:22\""), INVALID_VALUE, "$.compute.address"),
                row("vm id pointing at a Databricks workspace", with(VM, "/compute/resourceId", "\"" + IN_DEMO_GROUP + "Microsoft.Databricks/workspaces/dbw-demo\""), WRONG_RESOURCE_TYPE, "$.compute.resourceId"),
                row("vm id pointing at a scale set", with(VM, "/compute/resourceId", "\"" + IN_DEMO_GROUP + "Microsoft.Compute/virtualMachineScaleSets/vmss\""), WRONG_RESOURCE_TYPE, "$.compute.resourceId"),
                row("kubernetes id pointing at a VM", with(K8S, "/compute/resourceId", "\"" + IN_DEMO_GROUP + "Microsoft.Compute/virtualMachines/vm\""), WRONG_RESOURCE_TYPE, "$.compute.resourceId"),
                row("kubernetes id pointing at a container group", with(K8S, "/compute/resourceId", "\"" + IN_DEMO_GROUP + "Microsoft.ContainerInstance/containerGroups/aci\""), WRONG_RESOURCE_TYPE, "$.compute.resourceId"),
                row("hdinsight id pointing at a VM", with(HDI, "/compute/resourceId", "\"" + IN_DEMO_GROUP + "Microsoft.Compute/virtualMachines/vm\""), WRONG_RESOURCE_TYPE, "$.compute.resourceId"),
                row("synapse id pointing at the workspace, not a pool", with(SYNAPSE, "/compute/resourceId", "\"" + IN_DEMO_GROUP + "Microsoft.Synapse/workspaces/syn-demo\""), WRONG_RESOURCE_TYPE, "$.compute.resourceId"),
                row("synapse id pointing at a SQL pool", with(SYNAPSE, "/compute/resourceId", "\"" + IN_DEMO_GROUP + "Microsoft.Synapse/workspaces/syn-demo/sqlPools/pool\""), WRONG_RESOURCE_TYPE, "$.compute.resourceId"),
                row("kubernetes instance type with a slash", with(K8S, "/compute/defaultInstanceType", "\"gpu/large\""), INVALID_VALUE, "$.compute.defaultInstanceType"),
                row("kubernetes instance type a number", with(K8S, "/compute/defaultInstanceType", "4"), WRONG_TYPE, "$.compute.defaultInstanceType"),
                row("kubernetes namespace upper case", with(K8S, "/compute/namespace", "\"AzureML\""), INVALID_VALUE, "$.compute.namespace"),
                row("update without maxNodes", without(UPDATE, "/compute/maxNodes"), MISSING_FIELD, "$.compute.maxNodes"),
                row("update with vmSize", with(UPDATE, "/compute/vmSize", "\"Standard_DS3_v2\""), UNKNOWN_FIELD, "$.compute.vmSize"),
                row("delete with extra field", with(DELETE, "/compute/maxNodes", "3"), UNKNOWN_FIELD, "$.compute.maxNodes"),
                row("request id with a slash", with(ENSURE, "/requestId", "\"a/b\""), INVALID_REQUEST_ID, "$.requestId"),
                row("request id too long", with(ENSURE, "/requestId", "\"" + "r".repeat(129) + "\""), INVALID_REQUEST_ID, "$.requestId"),
                row("request id a number", with(ENSURE, "/requestId", "42"), WRONG_TYPE, "$.requestId"),
                row("correlation id with spaces", with(ENSURE, "/correlationId", "\"run 42\""), INVALID_VALUE, "$.correlationId"),
                row("options an array", with(ENSURE, "/options", "[]"), WRONG_TYPE, "$.options"),
                row("timeout not ISO-8601", with(ENSURE, "/options/timeout", "\"30 minutes\""), INVALID_DURATION, "$.options.timeout"),
                row("timeout zero", with(ENSURE, "/options/timeout", "\"PT0S\""), OUT_OF_RANGE, "$.options.timeout"),
                row("timeout negative", with(ENSURE, "/options/timeout", "\"-PT5M\""), OUT_OF_RANGE, "$.options.timeout"),
                row("timeout beyond 30 days", with(ENSURE, "/options/timeout", "\"P31D\""), OUT_OF_RANGE, "$.options.timeout"),
                row("waitForNodes above maxNodes", with(ENSURE, "/options/waitForNodes", "5"), OUT_OF_RANGE, "$.options.waitForNodes"),
                row("onExisting unknown", with(ENSURE, "/options/onExisting", "\"overwrite\""), INVALID_VALUE, "$.options.onExisting"),
                row("onFailedLeftover unknown", with(ENSURE, "/options/onFailedLeftover", "\"retry\""), INVALID_VALUE, "$.options.onFailedLeftover"),
                row("unknown option", with(ENSURE, "/options/retries", "3"), UNKNOWN_FIELD, "$.options.retries"),
                row("onExisting on delete", with(DELETE, "/options/onExisting", "\"reuse\""), OPTION_NOT_APPLICABLE, "$.options.onExisting"),
                row("waitForNodes on attach", with(DATABRICKS, "/options/waitForNodes", "1"), OPTION_NOT_APPLICABLE, "$.options.waitForNodes"),
                row("reconcile on attach", with(DATABRICKS, "/options/onExisting", "\"reconcile\""), OPTION_NOT_APPLICABLE, "$.options.onExisting"),
                row("location on a databricks attach", with(DATABRICKS, "/compute/location", "\"westeurope\""), LOCATION_NOT_SUPPORTED, "$.compute.location"),
                row("location on a kubernetes attach", with(K8S, "/compute/location", "\"northeurope\""), LOCATION_NOT_SUPPORTED, "$.compute.location"),
                row("workspace not allow-listed", with(ENSURE, "/workspace/workspaceName", "\"mlw-other\""), POLICY_WORKSPACE_NOT_ALLOWED, "$.workspace"),
                row("vm size not allowed", with(ENSURE, "/compute/vmSize", "\"Standard_M128s\""), POLICY_VM_SIZE_NOT_ALLOWED, "$.compute.vmSize"),
                row("max nodes above the cap", with(ENSURE, "/compute/maxNodes", "11"), POLICY_MAX_NODES_EXCEEDED, "$.compute.maxNodes"),
                row("update above the cap", with(UPDATE, "/compute/maxNodes", "11"), POLICY_MAX_NODES_EXCEEDED, "$.compute.maxNodes"),
                row("timeout above the policy", with(ENSURE, "/options/timeout", "\"PT7H\""), POLICY_TIMEOUT_EXCEEDED, "$.options.timeout"),
                row("secret in a foreign vault", with(DATABRICKS, "/compute/accessToken", "{\"secretRef\":\"https://kv1.vault.azure.cn/secrets/token\"}"), POLICY_SECRET_STORE_NOT_ALLOWED, "$.compute.accessToken"),
                row("subnet not on the allow-list", with(ENSURE, "/compute/subnet", "\"" + OTHER_SUBNET + "\""), POLICY_SUBNET_NOT_ALLOWED, "$.compute.subnet"));
    }

    /** One more than a request may set: ARM's 50 less the app's own creator tag. */
    private static String fiftyTags() {
        StringBuilder tags = new StringBuilder("{");
        for (int i = 0; i < 50; i++) {
            tags.append(i == 0 ? "" : ",").append("\"t").append(i).append("\": \"v\"");
        }
        return tags.append("}").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void reportsTheDefectWithItsReasonCodeAndPath(String body, ReasonCode code, String path) {
        Verdict verdict = Samples.demoValidator().validate(body, MessageEnvelope.NONE);

        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        assertThat(((Verdict.Rejected) verdict).errors())
                .extracting(ValidationError::code, ValidationError::path)
                .contains(org.assertj.core.groups.Tuple.tuple(code, path));
    }

    /** Rules that only a stricter policy than {@link Samples#demoPolicy()} can show: here, Dedicated nodes only. */
    static Stream<Arguments> dedicatedOnlyRules() {
        return Stream.of(
                row("low-priority nodes where only Dedicated is allowed", with(ENSURE, "/compute/vmPriority", "\"LowPriority\""), POLICY_PRIORITY_NOT_ALLOWED, "$.compute.vmPriority"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dedicatedOnlyRules")
    void reportsTheDefectUnderADedicatedOnlyPolicy(String body, ReasonCode code, String path) {
        Verdict verdict = dedicatedOnlyValidator().validate(body, MessageEnvelope.NONE);

        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        assertThat(((Verdict.Rejected) verdict).errors())
                .filteredOn(e -> e.code() == code && e.path().equals(path))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("allowed: Dedicated"));
    }

    @org.junit.jupiter.api.Test
    void dedicatedOnlyPolicyStillAcceptsDedicatedNodes() {
        Verdict verdict = dedicatedOnlyValidator().validate(
                with(ENSURE, "/compute/vmPriority", "\"Dedicated\""), MessageEnvelope.NONE);

        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
    }

    @org.junit.jupiter.api.Test
    void aSubnetOnTheAllowListIsAcceptedWhateverItsCase() {
        String allowed = OTHER_SUBNET.replace("vnet-other", "vnet-ml");
        RequestValidator validator = new RequestValidator(RequestDefaults.standard(),
                Samples.demoPolicy().withAllowedSubnets(java.util.Set.of(allowed)));

        Verdict sameCase = validator.validate(with(ENSURE, "/compute/subnet", "\"" + allowed + "\""), MessageEnvelope.NONE);
        Verdict otherCase = validator.validate(with(ENSURE, "/compute/subnet", "\"" + allowed.toUpperCase() + "\""),
                MessageEnvelope.NONE);
        Verdict other = validator.validate(with(ENSURE, "/compute/subnet", "\"" + OTHER_SUBNET + "\""), MessageEnvelope.NONE);

        assertThat(sameCase).isInstanceOf(Verdict.Accepted.class);
        assertThat(otherCase).as("ARM ids compare without regard to case").isInstanceOf(Verdict.Accepted.class);
        assertThat(other).isInstanceOfSatisfying(Verdict.Rejected.class, rejected -> assertThat(rejected.errors())
                .extracting(ValidationError::code).containsExactly(POLICY_SUBNET_NOT_ALLOWED));
    }

    private static RequestValidator dedicatedOnlyValidator() {
        RequestPolicy demo = Samples.demoPolicy();
        RequestPolicy dedicatedOnly = new RequestPolicy(demo.allowedWorkspaces(), demo.allowedVmSizes(),
                demo.maxNodesPerCluster(), java.util.EnumSet.of(io.amlcompute.provisioner.contract.VmPriority.DEDICATED),
                demo.allowedSecretStores(), demo.maxTimeout());
        return new RequestValidator(RequestDefaults.standard(), dedicatedOnly);
    }

    private static Arguments row(String name, String body, ReasonCode code, String path) {
        return arguments(named(name, body), code, path);
    }
}
