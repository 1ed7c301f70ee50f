package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paths, seeded workspaces and methods, checked in ARM's order before any compute logic runs (the api-version check
 * is {@link ApiVersionCheckTest}).
 */
class ArmRouterTest {

    private static EmulatorSession session;

    @BeforeAll
    static void start() {
        session = EmulatorSession.start();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ab", "1cluster", "cpu-123", "cpu_cluster", "a-very-long-compute-name-x", "-cpu", "cpu.x"})
    void rejectsComputeNamesOutsideTheContractPattern(String name) {
        Reply reply = session.client.put(name, amlCompute());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidResourceName");
        assertThat(reply.json().path("error").path("target").asText()).isEqualTo("computeName");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "cpu-cluster", "gpu-a100x2", "cpu-1a", "A23456789012345678901234"})
    void acceptsComputeNamesTheContractAllows(String name) {
        assertThat(session.client.get(name).errorCode()).isEqualTo("ResourceNotFound");
    }

    @Test
    void appliesTheNameRuleToReadsToo() {
        assertThat(session.client.get("cpu-1").errorCode()).isEqualTo("InvalidResourceName");
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource({
            "00000000-0000-0000-0000-00000000bbbb, rg-ml, ws-ml, SubscriptionNotFound",
            "00000000-0000-0000-0000-00000000aaaa, rg-other, ws-ml, ResourceGroupNotFound",
            "00000000-0000-0000-0000-00000000aaaa, rg-ml, ws-other, ParentResourceNotFound",
    })
    void answers404ForAWorkspaceThatWasNotSeeded(String subscription, String resourceGroup, String workspace,
                                                 String code) {
        Reply reply = session.client.send("GET", "/subscriptions/" + subscription + "/resourceGroups/"
                + resourceGroup + "/providers/Microsoft.MachineLearningServices/workspaces/" + workspace
                + "/computes/cpu?" + ComputeApiClient.API_VERSION, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo(code);
    }

    @Test
    void matchesPathSegmentsCaseInsensitivelyAsArmDoes() {
        Reply reply = session.client.send("GET", "/SUBSCRIPTIONS/" + EmulatorSession.SUBSCRIPTION
                + "/resourcegroups/RG-ML/providers/microsoft.machinelearningservices/workspaces/WS-ML/computes?"
                + ComputeApiClient.API_VERSION, null);

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void answers404ResourceNotFoundForAnUnknownCompute() {
        Reply reply = session.client.get("missing-cluster");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ResourceNotFound");
        assertThat(reply.json().path("error").path("message").asText()).contains("missing-cluster", "rg-ml");
    }

    @Test
    void answers404ForPathsOutsideTheComputesApi() {
        Reply reply = session.client.send("GET", "/subscriptions/x/providers/Microsoft.Compute/virtualMachines?"
                + ComputeApiClient.API_VERSION, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("NotFound");
    }

    @Test
    void answers405ForAMethodTheResourceDoesNotSupport() {
        Reply reply = session.client.send("POST", session.client.computesPath() + "?" + ComputeApiClient.API_VERSION,
                "{}");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).contains("GET");
    }

    @Test
    void refusesComputeActionsOnlyPreviewVersionsHave() {
        Reply reply = session.client.send("POST", session.client.computePath("cpu") + "/updateIdleShutdownSetting?"
                + ComputeApiClient.API_VERSION, null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("OperationNotSupportedByEmulator");
    }

    @Test
    void rejectsDeleteWithoutUnderlyingResourceAction() {
        Reply reply = session.client.send("DELETE", session.client.computePath("cpu") + "?"
                + ComputeApiClient.API_VERSION, null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("MissingRequiredParameter");
        assertThat(reply.json().path("error").path("target").asText()).isEqualTo("underlyingResourceAction");
    }

    @Test
    void rejectsDeleteWithAnUnderlyingResourceActionOutsideTheEnum() {
        Reply reply = session.client.delete("cpu", "Destroy");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void answers204ToDeleteOfAComputeThatDoesNotExist() {
        assertThat(session.client.delete("never-created", "Delete").status()).isEqualTo(204);
    }

    @Test
    void echoesTheClientRequestIdAndSendsArmCorrelationHeaders() {
        Reply reply = session.client.send("GET", session.client.computesPath() + "?" + ComputeApiClient.API_VERSION,
                null, "x-ms-client-request-id", "req-42");

        assertThat(reply.header("x-ms-client-request-id")).contains("req-42");
        assertThat(reply.header("x-ms-request-id")).isPresent();
    }
}
