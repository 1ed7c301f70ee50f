package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each published api-version answered in its own shape (ContractFeature): what a version lacks is refused in a
 * request and left out of a response, over HTTP as a client of that version sees it.
 */
class ComputeContractVersionsTest {

    private static final String NEWEST_AML = """
            { "location": "westeurope", "sku": { "name": "Basic", "tier": "Basic" },
              "properties": { "computeType": "AmlCompute", "disableLocalAuth": true,
                "properties": { "vmSize": "STANDARD_DS3_V2", "osType": "Linux", "isolatedNetwork": false,
                  "enableNodePublicIp": true, "remoteLoginPortPublicAccess": "Disabled", "propertyBag": {},
                  "scaleSettings": { "maxNodeCount": 2, "minNodeCount": 0 } } } }
            """;

    private EmulatorSession session;

    @BeforeEach
    void start() {
        session = EmulatorSession.start(b -> b.quotaExceededFor("STANDARD_NC6"));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "2018-11-19, /systemData,                              false",
            "2018-11-19, /sku,                                     false",
            "2018-11-19, /properties/createdOn,                    true",
            "2018-11-19, /properties/disableLocalAuth,             false",
            "2018-11-19, /properties/properties/remoteLoginPortPublicAccess, false",
            "2019-06-01, /properties/properties/remoteLoginPortPublicAccess, true",
            "2019-06-01, /sku,                                     false",
            "2019-11-01, /sku,                                     true",
            "2020-06-01, /properties/properties/osType,            false",
            "2020-08-01, /properties/properties/osType,            true",
            "2020-08-01, /properties/properties/enableNodePublicIp, false",
            "2021-01-01, /properties/properties/enableNodePublicIp, true",
            "2021-01-01, /properties/properties/isolatedNetwork,   true",
            "2021-01-01, /systemData,                              true",
            "2021-01-01, /properties/createdOn,                    false",
            "2021-01-01, /properties/modifiedOn,                   false",
            "2021-01-01, /properties/disableLocalAuth,             false",
            "2021-04-01, /properties/createdOn,                    true",
            "2021-04-01, /properties/disableLocalAuth,             true",
            "2021-07-01, /properties/properties/propertyBag,       false",
            "2022-05-01, /properties/properties/propertyBag,       true",
            "2022-10-01, /properties/disableLocalAuth,             true",
            "2025-12-01, /systemData,                              true",
            "2026-07-01, /properties/properties/osType,            true",
    })
    void aComputeReadsWithTheFieldsOfTheVersionAsked(String version, String pointer, boolean present) {
        assertThat(session.client.send("PUT", session.client.computePath("cpu") + at("2025-12-01"), NEWEST_AML)
                .status()).isEqualTo(201);
        session.advance(Duration.ofMinutes(5));

        Reply get = session.client.send("GET", session.client.computePath("cpu") + at(version), null);
        Reply list = session.client.send("GET", session.client.computesPath() + at(version), null);

        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().at(pointer).isMissingNode()).as("%s at %s", pointer, version).isEqualTo(!present);
        assertThat(list.json().path("value").get(0).at(pointer).isMissingNode()).isEqualTo(!present);
    }

    @Test
    void valuesAreShownAsStoredWhateverTheVersion() {
        session.client.send("PUT", session.client.computePath("cpu") + at("2025-12-01"), NEWEST_AML);
        session.advance(Duration.ofMinutes(5));

        JsonNode old = session.client.send("GET", session.client.computePath("cpu") + at("2018-11-19"), null).json();

        assertThat(old.path("properties").path("computeType").asText()).isEqualTo("AmlCompute");
        assertThat(old.path("properties").path("properties").path("vmSize").asText()).isEqualTo("STANDARD_DS3_V2");
        assertThat(old.path("properties").path("properties").path("scaleSettings").path("maxNodeCount").asInt())
                .isEqualTo(2);
        assertThat(old.path("properties").path("properties").path("allocationState").asText()).isEqualTo("Steady");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2019-05-01, osType,                      '\"osType\": \"Linux\"'",
            "2018-11-19, remoteLoginPortPublicAccess, '\"remoteLoginPortPublicAccess\": \"Enabled\"'",
            "2020-08-01, enableNodePublicIp,          '\"enableNodePublicIp\": true'",
            "2021-07-01, propertyBag,                 '\"propertyBag\": {}'",
    })
    void refusesAFieldItsVersionDoesNotHave(String version, String field, String json) {
        String body = """
                { "properties": { "computeType": "AmlCompute", "properties": { "vmSize": "STANDARD_DS3_V2",
                    %s, "scaleSettings": { "maxNodeCount": 1 } } } }
                """.formatted(json);

        Reply reply = session.client.send("PUT", session.client.computePath("cpu") + at(version), body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidRequestContent");
        JsonNode detail = reply.json().path("error").path("details").get(0);
        assertThat(detail.path("code").asText()).isEqualTo("UnknownProperty");
        assertThat(detail.path("target").asText()).isEqualTo("properties.properties." + field);
        assertThat(reply.json().path("error").path("message").asText()).contains("api-version " + version);
    }

    @Test
    void acceptsTheSameFieldFromTheVersionThatIntroducedIt() {
        String body = """
                { "properties": { "computeType": "AmlCompute", "properties": { "vmSize": "STANDARD_DS3_V2",
                    "osType": "Linux", "scaleSettings": { "maxNodeCount": 1 } } } }
                """;

        assertThat(session.client.send("PUT", session.client.computePath("cpu") + at("2020-08-01"), body).status())
                .isEqualTo(201);
    }

    @Test
    void refusesEnvelopeFieldsBeforeTheirVersion() {
        String withSku = """
                { "sku": { "name": "Basic" }, "properties": { "computeType": "AmlCompute", "properties": {
                    "vmSize": "STANDARD_DS3_V2", "scaleSettings": { "maxNodeCount": 1 } } } }
                """;
        String userAssigned = """
                { "identity": { "type": "UserAssigned" }, "properties": { "computeType": "AmlCompute",
                    "properties": { "vmSize": "STANDARD_DS3_V2", "scaleSettings": { "maxNodeCount": 1 } } } }
                """;
        String skuWithoutName = """
                { "sku": { "tier": "Basic" }, "properties": { "computeType": "AmlCompute", "properties": {
                    "vmSize": "STANDARD_DS3_V2", "scaleSettings": { "maxNodeCount": 1 } } } }
                """;

        assertThat(detailCode(put("cpu1", "2019-06-01", withSku))).isEqualTo("UnknownProperty");
        assertThat(put("cpu2", "2019-11-01", withSku).status()).isEqualTo(201);
        assertThat(detailCode(put("cpu3", "2019-11-01", userAssigned))).isEqualTo("InvalidEnumValue");
        assertThat(put("cpu4", "2020-03-01", userAssigned).status()).isEqualTo(201);
        assertThat(put("cpu5", "2021-07-01", skuWithoutName).status()).isEqualTo(201);
        assertThat(detailCode(put("cpu6", "2022-05-01", skuWithoutName))).isEqualTo("MissingRequiredProperty");
    }

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
            "Kubernetes,   2021-04-01, 400",
            "Kubernetes,   2021-07-01, 201",
            "SynapseSpark, 2021-01-01, 400",
            "SynapseSpark, 2021-04-01, 201",
    })
    void knowsAComputeTypeFromTheVersionThatIntroducedIt(String type, String version, int status) {
        String resourceId = type.equals("Kubernetes") ? EmulatorSession.AKS_ID : EmulatorSession.SYNAPSE_ID;

        Reply reply = put("attached", version, ComputeBodies.attach(type, resourceId, ""));

        assertThat(reply.status()).isEqualTo(status);
        if (status == 400) {
            assertThat(detailCode(reply)).isEqualTo("UnknownComputeType");
            assertThat(reply.json().path("error").path("details").get(0).path("message").asText())
                    .doesNotContain(type + ",");
        }
    }

    @Test
    void aComputeOfATypeTheVersionLacksReadsWithItsBaseFieldsOnly() {
        put("k8s", "2025-12-01", ComputeBodies.attach("Kubernetes", EmulatorSession.AKS_ID,
                "\"namespace\": \"ml\""));
        session.advance(Duration.ofMinutes(1));

        JsonNode old = session.client.send("GET", session.client.computePath("k8s") + at("2021-04-01"), null).json();
        JsonNode now = session.client.send("GET", session.client.computePath("k8s") + at("2021-07-01"), null).json();

        assertThat(old.path("properties").path("computeType").asText()).isEqualTo("Kubernetes");
        assertThat(old.path("properties").path("resourceId").asText()).isEqualTo(EmulatorSession.AKS_ID);
        assertThat(old.path("properties").has("properties")).isFalse();
        assertThat(now.path("properties").path("properties").path("namespace").asText()).isEqualTo("ml");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2021-04-01, '{ \"properties\": { \"scaleSettings\": { \"maxNodeCount\": 3 } } }', 200",
            "2021-04-01, '{ \"properties\": { \"properties\": { \"scaleSettings\": { \"maxNodeCount\": 3 } } } }', 400",
            "2021-07-01, '{ \"properties\": { \"properties\": { \"scaleSettings\": { \"maxNodeCount\": 3 } } } }', 200",
            "2021-07-01, '{ \"properties\": { \"scaleSettings\": { \"maxNodeCount\": 3 } } }', 400",
            "2018-11-19, '{ \"properties\": { \"scaleSettings\": { \"maxNodeCount\": 3 } } }', 200",
    })
    void takesThePatchBodyOfTheVersion(String version, String body, int status) {
        put("cpu", "2025-12-01", amlCompute());
        session.advance(Duration.ofMinutes(5));

        Reply reply = session.client.send("PATCH", session.client.computePath("cpu") + at(version), body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        if (status == 200) {
            session.advance(Duration.ofMinutes(1));
            assertThat(session.client.get("cpu").typeProperties().path("scaleSettings").path("maxNodeCount").asInt())
                    .isEqualTo(3);
        } else {
            assertThat(detailCode(reply)).isEqualTo("UnknownProperty");
        }
    }

    @Test
    void provisioningErrorsHaveNoTargetBefore20210401() {
        put("gpu", "2025-12-01", amlCompute("STANDARD_NC6", 0, 1));
        session.advance(Duration.ofMinutes(5));

        JsonNode old = session.client.send("GET", session.client.computePath("gpu") + at("2020-06-01"), null).json()
                .path("properties").path("provisioningErrors").get(0).path("error");
        JsonNode newer = session.client.send("GET", session.client.computePath("gpu") + at("2021-04-01"), null).json()
                .path("properties").path("provisioningErrors").get(0).path("error");

        assertThat(old.path("code").asText()).isEqualTo("QuotaExceeded");
        assertThat(old.has("target")).isFalse();
        assertThat(newer.has("target")).isTrue();
    }

    @Test
    void operationUrlsCarryTheVersionOfTheRequestThatStartedThem() {
        Reply created = put("cpu", "2022-10-01", amlCompute());

        String status = created.header("Azure-AsyncOperation").orElseThrow();
        assertThat(status).endsWith("?api-version=2022-10-01");
        assertThat(session.client.follow(status).status()).isEqualTo(200);
        assertThat(created.json().path("properties").path("provisioningState").asText()).isEqualTo("Creating");
    }

    private Reply put(String name, String version, String body) {
        return session.client.send("PUT", session.client.computePath(name) + at(version), body);
    }

    private static String detailCode(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        return reply.json().path("error").path("details").get(0).path("code").asText();
    }

    private static String at(String version) {
        return "?api-version=" + version;
    }
}
