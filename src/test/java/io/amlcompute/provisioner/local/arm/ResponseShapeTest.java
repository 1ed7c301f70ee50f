package io.amlcompute.provisioner.local.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import org.junit.jupiter.api.Test;

/** Cutting a response down to an older version's shape: fields left out, values untouched. */
class ResponseShapeTest {

    private static final ComputeContract V2019_05_01 = ComputeContract.of(ComputeApiVersion.V2019_05_01);
    private static final ComputeContract V2021_04_01 = ComputeContract.of(ComputeApiVersion.V2021_04_01);

    @Test
    void leavesOutWhatTheVersionDoesNotHaveAtEveryLevel() throws Exception {
        JsonNode cut = ResponseShape.cut(json("""
                { "id": "x", "systemData": { "createdAt": "t" }, "sku": { "name": "Basic" },
                  "properties": { "computeType": "AmlCompute", "disableLocalAuth": false, "createdOn": "t",
                    "provisioningErrors": [ { "error": { "code": "QuotaExceeded", "message": "m", "target": null,
                                                         "details": [] } } ],
                    "properties": { "vmSize": "STANDARD_DS3_V2", "osType": "Linux", "currentNodeCount": 0 } } }
                """), V2019_05_01.computeResource());

        assertThat(cut).isEqualTo(json("""
                { "id": "x",
                  "properties": { "computeType": "AmlCompute", "createdOn": "t",
                    "provisioningErrors": [ { "error": { "code": "QuotaExceeded", "message": "m", "details": [] } } ],
                    "properties": { "vmSize": "STANDARD_DS3_V2", "currentNodeCount": 0 } } }
                """));
    }

    @Test
    void keepsTheBaseFieldsOfATypeTheVersionLacks() throws Exception {
        JsonNode cut = ResponseShape.cut(json("""
                { "properties": { "computeType": "Kubernetes", "resourceId": "r", "disableLocalAuth": true,
                                  "properties": { "namespace": "ml" } } }
                """), V2021_04_01.computeResource());

        assertThat(cut).isEqualTo(json("""
                { "properties": { "computeType": "Kubernetes", "resourceId": "r", "disableLocalAuth": true } }
                """));
    }

    @Test
    void leavesTheInputAsItWas() throws Exception {
        JsonNode original = json("{ \"systemData\": { \"createdAt\": \"t\" } }");

        ResponseShape.cut(original, V2019_05_01.computeResource());

        assertThat(original.has("systemData")).isTrue();
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}
