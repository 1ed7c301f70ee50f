package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.computeInstance;
import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A ComputeInstance PUT against ComputeInstanceProperties of its api-version, and what the service decides itself. */
class ComputeInstanceBodyRulesTest {

    private static final String V2026 = "api-version=2026-07-01";
    private EmulatorSession session;

    @BeforeEach
    void start() {
        session = EmulatorSession.start();
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private Reply put(String name, String body, String apiVersion) {
        return session.client.send("PUT", session.client.computePath(name) + "?" + apiVersion, body);
    }

    private Reply get(String name, String apiVersion) {
        return session.client.send("GET", session.client.computePath(name) + "?" + apiVersion, null);
    }

    @Test
    void acceptsTheSpecsExampleOfAnInstanceWithSchedules() {
        assertThat(session.client.put("ci-alice", computeInstance()).status()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"state\": \"Running\"|properties.properties.state|ReadOnlyPropertyNotAllowed",
            "\"applications\": []|properties.properties.applications|ReadOnlyPropertyNotAllowed",
            "\"enableNodePublicIp\": \"yes\"|properties.properties.enableNodePublicIp|InvalidPropertyType",
            "\"enableRootAccess\": false|properties.properties.enableRootAccess|UnknownProperty",
            "\"idleTimeBeforeShutdown\": \"PT30M\"|properties.properties.idleTimeBeforeShutdown|UnknownProperty",
            "\"enableSSO\": true|properties.properties.enableSSO|UnknownProperty"})
    void refusesWhatComputeInstancePropertiesOf20251201DoNotHold(String field, String target, String code) {
        Reply reply = session.client.put("ci-alice", computeInstance("STANDARD_DS3_V2", field));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("details")).anySatisfy(detail -> {
            assertThat(detail.path("target").asText()).isEqualTo(target);
            assertThat(detail.path("code").asText()).isEqualTo(code);
        });
    }

    @Test
    void takesIdleShutdownAndSingleSignOnIn20260701() {
        Reply reply = put("ci-alice", computeInstance("STANDARD_DS3_V2",
                "\"idleTimeBeforeShutdown\": \"PT30M\", \"enableSSO\": true"), V2026);

        assertThat(reply.status()).isEqualTo(201);
        session.advance(Duration.ofSeconds(10));
        Reply newer = get("ci-alice", V2026);
        assertThat(newer.typeProperties().path("idleTimeBeforeShutdown").asText()).isEqualTo("PT30M");
        assertThat(newer.typeProperties().path("enableSSO").asBoolean(false)).isTrue();
        Reply older = session.client.get("ci-alice");
        assertThat(older.typeProperties().has("idleTimeBeforeShutdown")).as("2025-12-01 has no such field").isFalse();
        assertThat(older.typeProperties().has("enableSSO")).isFalse();
        assertThat(older.typeProperties().path("state").asText()).isEqualTo("Running");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT10M", "P4D"})
    void refusesAnIdleTimeOutsideAzureMlsBounds(String idle) {
        Reply reply = put("ci-alice", computeInstance("STANDARD_DS3_V2", "\"idleTimeBeforeShutdown\": \"" + idle + "\""),
                V2026);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("details").get(0).path("target").asText())
                .isEqualTo("properties.properties.idleTimeBeforeShutdown");
    }

    @Test
    void refusesMoreThanFourSchedules() {
        String schedule = "{ \"action\": \"Stop\", \"triggerType\": \"Cron\", \"cron\": { \"expression\": \"0 18 * * *\" } }";
        String body = computeInstance().replace("\"schedules\": { \"computeStartStop\": [",
                "\"schedules\": { \"computeStartStop\": [" + (schedule + ",").repeat(4));

        Reply reply = session.client.put("ci-alice", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("details").get(0).path("message").asText()).contains("at most 4");
    }

    @Test
    void needsAVmSizeAndTakesNoResourceId() {
        Reply reply = session.client.put("ci-alice", computeInstance().replace("\"vmSize\": \"STANDARD_DS3_V2\",",
                "\"vmSize\": null,").replace("\"computeType\": \"ComputeInstance\",",
                "\"computeType\": \"ComputeInstance\", \"resourceId\": \"" + EmulatorSession.VM_ID + "\","));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("details")).extracting(d -> d.path("target").asText())
                .contains("properties.properties.vmSize", "properties.resourceId");
    }

    @Test
    void refusesAVmSizeOutsideTheAllowedList() {
        Reply reply = session.client.put("ci-alice", computeInstance("STANDARD_XYZ_V9", ""));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("VmSizeNotSupported");
    }

    @Test
    void refusesAnSshKeyForAnInstanceCreatedOnSomeonesBehalfWithoutEchoingIt() {
        Reply reply = session.client.put("ci-alice", computeInstance().replace("\"sshSettings\": { \"sshPublicAccess\": \"Disabled\" }",
                "\"sshSettings\": { \"sshPublicAccess\": \"Enabled\", \"adminPublicKey\": \"ssh-rsa AAAAB3-secret-key\" }"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("UserError");
        assertThat(reply.json().path("error").path("message").asText()).isEqualTo("Setting SSH key at creation time is"
                + " not allowed when compute instance is provisioned on behalf of another user.");
        assertThat(reply.body()).doesNotContain("AAAAB3-secret-key");
        assertThat(session.emulator.requests().get(0).body()).doesNotContain("AAAAB3-secret-key");
    }

    @Test
    void keepsAnSshKeyOfAnInstanceForNobodyButNeverReturnsIt() {
        String body = """
                { "properties": { "computeType": "ComputeInstance",
                    "properties": { "vmSize": "STANDARD_DS3_V2", "applicationSharingPolicy": "Shared",
                      "sshSettings": { "sshPublicAccess": "Enabled", "adminPublicKey": "ssh-rsa AAAAB3-team-key" } } } }
                """;

        Reply reply = session.client.put("ci-team", body);
        session.advance(Duration.ofSeconds(10));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        Reply read = session.client.get("ci-team");
        assertThat(read.typeProperties().path("sshSettings").path("sshPublicAccess").asText()).isEqualTo("Enabled");
        assertThat(read.body()).doesNotContain("AAAAB3-team-key");
        assertThat(session.emulator.requests().get(0).body()).doesNotContain("AAAAB3-team-key").contains("[REDACTED]");
    }

    @Test
    void turnsSingleSignOnOffForAnInstanceCreatedOnSomeonesBehalfWithASetupScript() {
        Reply reply = put("ci-alice", computeInstance("STANDARD_DS3_V2", "\"enableSSO\": true, \"setupScripts\": {"
                + " \"scripts\": { \"creationScript\": { \"scriptSource\": \"workspaceStorage\","
                + " \"scriptData\": \"Users/alice/setup.sh\", \"timeout\": \"10m\" } } }"), V2026);

        assertThat(reply.status()).isEqualTo(201);
        session.advance(Duration.ofSeconds(10));
        assertThat(get("ci-alice", V2026).typeProperties().path("enableSSO").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-04-01", "2026-03-01"})
    void refusesAnInstanceInAVersionWhoseShapeIsNotEstablished(String version) {
        Reply reply = put("ci-alice", computeInstance(), "api-version=" + version);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ComputeTypeNotSupportedByEmulator");
        assertThat(reply.json().path("error").path("message").asText()).contains(version, "2025-12-01 and 2026-07-01");
    }

    @Test
    void anOlderVersionReadsAnInstanceWithItsBaseFieldsOnly() {
        session.client.put("ci-alice", computeInstance());

        Reply old = get("ci-alice", "api-version=2024-04-01");

        assertThat(old.status()).isEqualTo(200);
        assertThat(old.json().path("properties").path("computeType").asText()).isEqualTo("ComputeInstance");
        assertThat(old.json().path("properties").has("properties")).isFalse();
    }
}
