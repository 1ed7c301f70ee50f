package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlComputeWith;
import static io.amlcompute.provisioner.local.arm.ComputeBodies.attach;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of contract violation in a PUT body gets 400 InvalidRequestContent with one detail per violation. */
class PutBodyRulesTest {

    private static EmulatorSession session;

    @BeforeAll
    static void start() {
        session = EmulatorSession.start();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    /** PUTs under a fresh name (nothing is created when a body is refused, but a valid one would be). */
    private static Reply put(String body) {
        return session.client.put("c" + Integer.toHexString(body.hashCode()), body);
    }

    private static List<String> details(Reply reply, String field) {
        List<String> values = new ArrayList<>();
        reply.json().path("error").path("details").forEach(d -> values.add(d.path(field).asText()));
        return values;
    }

    private static void assertSingleViolation(Reply reply, String code, String target) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidRequestContent");
        assertThat(details(reply, "code")).containsExactly(code);
        assertThat(details(reply, "target")).containsExactly(target);
    }

    @Test
    void acceptsTheContractsBasicAmlComputeExample() {
        assertThat(put(amlCompute()).status()).isEqualTo(201);
    }

    @Test
    void rejectsBodyWithoutComputeTypeDiscriminator() {
        Reply reply = put("""
                { "properties": { "properties": { "vmSize": "STANDARD_DS3_V2" } } }""");

        assertSingleViolation(reply, "MissingDiscriminator", "properties.computeType");
        assertThat(details(reply, "message").get(0)).contains("AmlCompute", "Databricks");
    }

    @Test
    void rejectsComputeTypeOutsideTheEnum() {
        Reply reply = put("""
                { "properties": { "computeType": "GpuCluster", "properties": {} } }""");

        assertSingleViolation(reply, "UnknownComputeType", "properties.computeType");
        assertThat(details(reply, "message").get(0)).contains("'GpuCluster'");
    }

    @Test
    void rejectsBodyWithoutProperties() {
        assertSingleViolation(put("{ \"location\": \"westeurope\" }"), "MissingRequiredProperty", "properties");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"vmSize\": \"STANDARD_DS3_V2\", \"scaleSettings\": { \"minNodeCount\": 0 }"
                    + "|properties.properties.scaleSettings.maxNodeCount",
            "\"vmSize\": \"STANDARD_DS3_V2\", \"scaleSettings\": { \"maxNodeCount\": 1 }, "
                    + "\"userAccountCredentials\": { \"adminUserPassword\": \"pw-Secret-1\" }"
                    + "|properties.properties.userAccountCredentials.adminUserName",
            "\"vmSize\": \"STANDARD_DS3_V2\", \"scaleSettings\": { \"maxNodeCount\": 1 }, \"subnet\": {}"
                    + "|properties.properties.subnet.id",
            "\"vmSize\": \"STANDARD_DS3_V2\", \"scaleSettings\": { \"maxNodeCount\": 1 }, "
                    + "\"virtualMachineImage\": {}|properties.properties.virtualMachineImage.id",
    })
    void rejectsMissingRequiredField(String innerProperties, String target) {
        assertSingleViolation(put(amlComputeWith(innerProperties)), "MissingRequiredProperty", target);
    }

    @Test
    void treatsNullAsAbsentForRequiredFields() {
        Reply reply = put(amlComputeWith("\"vmSize\": \"STANDARD_DS3_V2\", \"scaleSettings\": { \"maxNodeCount\": null }"));

        assertSingleViolation(reply, "MissingRequiredProperty", "properties.properties.scaleSettings.maxNodeCount");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"vmPriority\": \"Spot\"|properties.properties.vmPriority|Dedicated",
            "\"osType\": \"linux\"|properties.properties.osType|Linux",
            "\"remoteLoginPortPublicAccess\": \"On\"|properties.properties.remoteLoginPortPublicAccess|NotSpecified",
    })
    void rejectsValueOutsideAnEnum(String field, String target, String allowedValueNamed) {
        Reply reply = put(amlComputeWith("\"vmSize\": \"STANDARD_DS3_V2\", \"scaleSettings\": { \"maxNodeCount\": 1 }, "
                + field));

        assertSingleViolation(reply, "InvalidEnumValue", target);
        assertThat(details(reply, "message").get(0)).contains(allowedValueNamed);
    }

    @Test
    void rejectsSkuTierOutsideItsEnum() {
        Reply reply = put("""
                { "sku": { "name": "Basic", "tier": "Gold" },
                  "properties": { "computeType": "AmlCompute",
                    "properties": { "vmSize": "STANDARD_DS3_V2", "scaleSettings": { "maxNodeCount": 1 } } } }""");

        assertSingleViolation(reply, "InvalidEnumValue", "sku.tier");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"scaleSettings\": { \"maxNodeCount\": \"4\" }|properties.properties.scaleSettings.maxNodeCount",
            "\"scaleSettings\": { \"maxNodeCount\": 4.5 }|properties.properties.scaleSettings.maxNodeCount",
            "\"scaleSettings\": { \"maxNodeCount\": 9999999999 }|properties.properties.scaleSettings.maxNodeCount",
            "\"scaleSettings\": { \"maxNodeCount\": 1 }, \"enableNodePublicIp\": \"yes\""
                    + "|properties.properties.enableNodePublicIp",
            "\"scaleSettings\": { \"maxNodeCount\": 1 }, \"propertyBag\": [1]|properties.properties.propertyBag",
            "\"scaleSettings\": 4|properties.properties.scaleSettings",
    })
    void rejectsValueOfTheWrongJsonType(String fields, String target) {
        assertSingleViolation(put(amlComputeWith("\"vmSize\": \"STANDARD_DS3_V2\", " + fields)),
                "InvalidPropertyType", target);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"id\": \"/subscriptions/x\"|id",
            "\"name\": \"cpu\"|name",
            "\"type\": \"Microsoft.MachineLearningServices/workspaces/computes\"|type",
            "\"systemData\": {}|systemData",
    })
    void rejectsReadOnlyEnvelopeFields(String field, String target) {
        Reply reply = put("""
                { %s, "properties": { "computeType": "AmlCompute",
                    "properties": { "vmSize": "STANDARD_DS3_V2", "scaleSettings": { "maxNodeCount": 1 } } } }"""
                .formatted(field));

        assertSingleViolation(reply, "ReadOnlyPropertyNotAllowed", target);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"provisioningState\": \"Succeeded\"|properties.provisioningState",
            "\"createdOn\": \"2025-01-01T00:00:00Z\"|properties.createdOn",
            "\"isAttachedCompute\": false|properties.isAttachedCompute",
            "\"provisioningErrors\": []|properties.provisioningErrors",
    })
    void rejectsReadOnlyComputeFields(String field, String target) {
        Reply reply = put("""
                { "properties": { "computeType": "AmlCompute", %s,
                    "properties": { "vmSize": "STANDARD_DS3_V2", "scaleSettings": { "maxNodeCount": 1 } } } }"""
                .formatted(field));

        assertSingleViolation(reply, "ReadOnlyPropertyNotAllowed", target);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"allocationState\": \"Steady\"|properties.properties.allocationState",
            "\"currentNodeCount\": 0|properties.properties.currentNodeCount",
            "\"nodeStateCounts\": {}|properties.properties.nodeStateCounts",
    })
    void rejectsReadOnlyAmlComputeFields(String field, String target) {
        Reply reply = put(amlComputeWith("\"vmSize\": \"STANDARD_DS3_V2\", \"scaleSettings\": { \"maxNodeCount\": 1 }, "
                + field));

        assertSingleViolation(reply, "ReadOnlyPropertyNotAllowed", target);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"5 minutes", "300", "PT5", "P1Y", "-PT5M"})
    void rejectsIdleTimeThatIsNotAnIso8601Duration(String idleTime) {
        Reply reply = put(amlComputeWith("\"vmSize\": \"STANDARD_DS3_V2\", \"scaleSettings\": { \"maxNodeCount\": 1, "
                + "\"nodeIdleTimeBeforeScaleDown\": \"" + idleTime + "\" }"));

        assertSingleViolation(reply, "InvalidDuration", "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"vmSizes\": \"STANDARD_DS3_V2\"|properties.properties.vmSizes",
            "\"scaleSettings\": { \"maxNodeCount\": 1, \"maxNodes\": 2 }|properties.properties.scaleSettings.maxNodes",
    })
    void rejectsPropertyTheSchemaDoesNotHave(String field, String target) {
        String inner = field.startsWith("\"scaleSettings\"") ? "\"vmSize\": \"STANDARD_DS3_V2\", " + field
                : "\"vmSize\": \"STANDARD_DS3_V2\", \"scaleSettings\": { \"maxNodeCount\": 1 }, " + field;

        assertSingleViolation(put(amlComputeWith(inner)), "UnknownProperty", target);
    }

    @Test
    void rejectsUnknownPropertyAtTheTop() {
        Reply reply = put("""
                { "kind": "cluster", "properties": { "computeType": "AmlCompute",
                    "properties": { "vmSize": "STANDARD_DS3_V2", "scaleSettings": { "maxNodeCount": 1 } } } }""");

        assertSingleViolation(reply, "UnknownProperty", "kind");
    }

    @Test
    void reportsEveryViolationAtOnceEachNamingItsPath() {
        Reply reply = put("""
                { "properties": { "computeType": "AmlCompute", "provisioningState": "Creating",
                    "properties": { "vmSize": "STANDARD_DS3_V2", "vmPriority": "Spot",
                      "scaleSettings": { "maxNodeCount": "2", "nodeIdleTimeBeforeScaleDown": "2m" } } } }""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(details(reply, "target")).containsExactlyInAnyOrder("properties.provisioningState",
                "properties.properties.vmPriority", "properties.properties.scaleSettings.maxNodeCount",
                "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown");
        assertThat(details(reply, "code")).containsExactlyInAnyOrder("ReadOnlyPropertyNotAllowed", "InvalidEnumValue",
                "InvalidPropertyType", "InvalidDuration");
    }

    @Test
    void requiresVmSizeAndScaleSettingsForAmlCompute() {
        Reply reply = put(amlComputeWith("\"osType\": \"Linux\""));

        assertThat(details(reply, "target")).containsExactlyInAnyOrder("properties.properties.vmSize",
                "properties.properties.scaleSettings");
    }

    @Test
    void rejectsMaxNodeCountBelowMinNodeCount() {
        assertSingleViolation(put(amlCompute("STANDARD_DS3_V2", 3, 2)), "InvalidPropertyValue",
                "properties.properties.scaleSettings.maxNodeCount");
    }

    @Test
    void rejectsResourceIdOnAmlCompute() {
        Reply reply = put("""
                { "properties": { "computeType": "AmlCompute", "resourceId": "/subscriptions/x",
                    "properties": { "vmSize": "STANDARD_DS3_V2", "scaleSettings": { "maxNodeCount": 1 } } } }""");

        assertSingleViolation(reply, "InvalidPropertyValue", "properties.resourceId");
    }

    @Test
    void rejectsVmSizeOutsideTheAllowedList() {
        Reply reply = put(amlCompute("STANDARD_XYZ_V9", 0, 1));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("VmSizeNotSupported");
        assertThat(reply.json().path("error").path("target").asText()).isEqualTo("properties.properties.vmSize");
    }

    @Test
    void refusesComputeTypesTheEmulatorDoesNotSimulate() {
        Reply reply = put("""
                { "properties": { "computeType": "AKS", "properties": { "agentCount": 3 } } }""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ComputeTypeNotSupportedByEmulator");
        assertThat(reply.json().path("error").path("message").asText()).contains("AKS", "AmlCompute");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Databricks|\"workspaceUrl\": 42|properties.properties.workspaceUrl|InvalidPropertyType",
            "VirtualMachine|\"sshPort\": \"22\"|properties.properties.sshPort|InvalidPropertyType",
            "VirtualMachine|\"administratorAccount\": { \"user\": \"azureuser\" }"
                    + "|properties.properties.administratorAccount.user|UnknownProperty",
            "HDInsight|\"sshPort\": 22, \"clusterName\": \"x\"|properties.properties.clusterName|UnknownProperty",
            "Kubernetes|\"instanceTypes\": { \"gpu\": { \"resources\": { \"limits\": { \"nvidia.com/gpu\": 1 } } } }"
                    + "|properties.properties.instanceTypes.gpu.resources.limits['nvidia.com/gpu']|InvalidPropertyType",
            "SynapseSpark|\"autoScaleProperties\": { \"enabled\": \"true\" }"
                    + "|properties.properties.autoScaleProperties.enabled|InvalidPropertyType",
    })
    void checksTheSchemaOfEveryAttachableType(String computeType, String innerProperties, String target,
                                              String code) {
        String resourceId = switch (computeType) {
            case "Databricks" -> EmulatorSession.DATABRICKS_ID;
            case "VirtualMachine" -> EmulatorSession.VM_ID;
            case "HDInsight" -> EmulatorSession.HDI_ID;
            case "Kubernetes" -> EmulatorSession.AKS_ID;
            default -> EmulatorSession.SYNAPSE_ID;
        };
        String inner = computeType.equals("Databricks")
                ? innerProperties + ", \"databricksAccessToken\": \"" + EmulatorSession.DATABRICKS_TOKEN + "\""
                : innerProperties;

        assertSingleViolation(put(attach(computeType, resourceId, inner)), code, target);
    }

    @Test
    void requiresResourceIdToAttach() {
        Reply reply = put("""
                { "properties": { "computeType": "VirtualMachine", "properties": { "sshPort": 22 } } }""");

        assertSingleViolation(reply, "MissingRequiredProperty", "properties.resourceId");
    }

    @Test
    void requiresAccessTokenToAttachDatabricks() {
        assertSingleViolation(put(attach("Databricks", EmulatorSession.DATABRICKS_ID, "")),
                "MissingRequiredProperty", "properties.properties.databricksAccessToken");
    }

    @Test
    void rejectsContentThatIsNotJsonWithoutQuotingIt() {
        Reply reply = put("{ \"properties\": { \"computeType\": AmlCompute-secret-token } }");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidRequestContent");
        assertThat(reply.body()).doesNotContain("secret-token").contains("line 1");
    }

    @Test
    void rejectsDuplicateKeys() {
        Reply reply = put("{ \"properties\": { \"computeType\": \"AmlCompute\", \"computeType\": \"AmlCompute\" } }");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("message").asText()).contains("Duplicate field 'computeType'");
    }

    @Test
    void rejectsAnEmptyBody() {
        Reply reply = session.client.send("PUT", session.client.computePath("cpu-empty") + "?"
                + ComputeApiClient.API_VERSION, "");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidRequestContent");
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        Reply reply = put("[ { \"properties\": {} } ]");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(details(reply, "code")).containsExactly("InvalidPropertyType");
        assertThat(details(reply, "message").get(0)).startsWith("The request body must be an object");
    }

    @Test
    void answersWithTheArmErrorEnvelope() {
        JsonNode error = put("{}").json().path("error");

        assertThat(error.has("code")).isTrue();
        assertThat(error.has("message")).isTrue();
        assertThat(error.has("target")).isTrue();
        assertThat(error.path("details").isArray()).isTrue();
        assertThat(error.path("details").get(0).fieldNames()).toIterable()
                .containsExactly("code", "message", "target", "details");
    }
}
