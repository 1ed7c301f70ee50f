package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A PATCH body is {"properties":{"properties":{"scaleSettings":{...}}}} and nothing else. */
class PatchBodyRulesTest {

    private EmulatorSession session;

    @BeforeEach
    void createCluster() {
        session = EmulatorSession.start();
        assertThat(session.client.put("cpu-cluster", amlCompute()).status()).isEqualTo(201);
        session.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private static List<String> targets(Reply reply) {
        List<String> targets = new ArrayList<>();
        reply.json().path("error").path("details").forEach(d -> targets.add(d.path("target").asText()));
        return targets;
    }

    @Test
    void acceptsScaleSettingsUnderTheDoubledPropertiesKey() {
        assertThat(session.client.patch("cpu-cluster", ComputeBodies.scaleTo(1, 3)).status()).isEqualTo(200);
    }

    @Test
    void rejectsPatchThatChangesAnythingButScaleSettings() {
        Reply reply = session.client.patch("cpu-cluster", """
                { "properties": { "properties": { "vmSize": "STANDARD_NC6",
                    "scaleSettings": { "maxNodeCount": 3 } } } }""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidRequestContent");
        assertThat(targets(reply)).containsExactly("properties.properties.vmSize");
        assertThat(reply.json().path("error").path("details").get(0).path("code").asText())
                .isEqualTo("UnknownProperty");
        assertThat(reply.body()).contains("scale settings are all PATCH can change");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{ \"location\": \"eastus\", \"properties\": { \"properties\": { \"scaleSettings\": { \"maxNodeCount\": 3 } } } }",
            "{ \"tags\": { \"team\": \"ml\" }, \"properties\": { \"properties\": { \"scaleSettings\": { \"maxNodeCount\": 3 } } } }",
            "{ \"properties\": { \"description\": \"x\", \"properties\": { \"scaleSettings\": { \"maxNodeCount\": 3 } } } }",
    })
    void rejectsPatchOfEnvelopeOrComputeFields(String body) {
        Reply reply = session.client.patch("cpu-cluster", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(targets(reply)).hasSize(1).allMatch(t -> !t.contains("scaleSettings"));
    }

    @Test
    void explainsTheSingleNestedPropertiesMistake() {
        Reply reply = session.client.patch("cpu-cluster", """
                { "properties": { "scaleSettings": { "maxNodeCount": 3 } } }""");

        assertThat(targets(reply)).containsExactlyInAnyOrder("properties.scaleSettings", "properties.properties");
        assertThat(reply.body()).contains("the properties key doubled");
    }

    @Test
    void requiresScaleSettings() {
        Reply reply = session.client.patch("cpu-cluster", "{ \"properties\": { \"properties\": {} } }");

        assertThat(targets(reply)).containsExactly("properties.properties.scaleSettings");
    }

    @Test
    void checksTheScaleSettingsThemselves() {
        Reply reply = session.client.patch("cpu-cluster", """
                { "properties": { "properties": { "scaleSettings":
                    { "minNodeCount": "1", "nodeIdleTimeBeforeScaleDown": "10 minutes" } } } }""");

        assertThat(targets(reply)).containsExactlyInAnyOrder(
                "properties.properties.scaleSettings.maxNodeCount",
                "properties.properties.scaleSettings.minNodeCount",
                "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown");
    }

    @Test
    void leavesTheComputeUnchangedWhenRefused() {
        session.client.patch("cpu-cluster", "{ \"properties\": { \"properties\": { \"vmSize\": \"STANDARD_NC6\" } } }");

        Reply compute = session.client.get("cpu-cluster");
        assertThat(compute.provisioningState()).isEqualTo("Succeeded");
        assertThat(compute.typeProperties().path("vmSize").asText()).isEqualTo("STANDARD_DS3_V2");
    }

    @Test
    void refusesToPatchComputeWithoutScaleSettings() {
        session.client.put("dbx", ComputeBodies.databricks(EmulatorSession.DATABRICKS_ID,
                EmulatorSession.DATABRICKS_TOKEN));
        session.advance(Duration.ofMinutes(1));

        Reply reply = session.client.patch("dbx", ComputeBodies.scaleTo(0, 2));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("UpdateNotSupported");
    }

    @Test
    void answers404ForPatchOfUnknownCompute() {
        Reply reply = session.client.patch("nope-cluster", ComputeBodies.scaleTo(0, 2));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ResourceNotFound");
    }
}
