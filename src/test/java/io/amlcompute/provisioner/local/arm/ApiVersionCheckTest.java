package io.amlcompute.provisioner.local.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The api-version query parameter, refused as ARM refuses it, and every published stable version served. */
class ApiVersionCheckTest {

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
    @EnumSource(ComputeApiVersion.class)
    void servesEveryPublishedStableVersion(ComputeApiVersion version) {
        Reply reply = session.client.send("GET", session.client.computesPath() + "?api-version="
                + version.wireName(), null);

        assertThat(reply.status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2024-01-01-preview", "2021-03-01-preview", "2018-03-01-preview", "2030-01-01", "latest"})
    void refusesAVersionNotRegisteredForComputesWithNoRegisteredProviderFound(String version) {
        Reply reply = session.client.send("GET", session.client.computesPath() + "?api-version=" + version, null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("NoRegisteredProviderFound");
        assertThat(reply.json().path("error").path("message").asText()).isEqualTo("No registered resource provider "
                + "found for location 'westeurope' and API version '" + version + "' for type 'workspaces/computes'. "
                + "The supported api-versions are '" + String.join(", ", newestFirst()) + "'. The supported "
                + "locations are 'westeurope'.");
    }

    @Test
    void namesTheTypeTheRequestAddresses() {
        Reply workspace = session.client.send("GET", session.client.workspacePath() + "?api-version=2017-01-01", null);
        Reply operation = session.client.send("GET", "/subscriptions/" + EmulatorSession.SUBSCRIPTION
                + "/providers/Microsoft.MachineLearningServices/locations/northeurope/operationStatuses/x"
                + "?api-version=2017-01-01", null);

        assertThat(workspace.json().path("error").path("message").asText())
                .contains("location 'westeurope'", "for type 'workspaces'.");
        assertThat(operation.json().path("error").path("message").asText())
                .contains("location 'northeurope'", "for type 'locations/operationStatuses'.");
    }

    @Test
    void refusesARequestWithoutApiVersion() {
        Reply reply = session.client.send("GET", session.client.computesPath(), null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("MissingApiVersionParameter");
        assertThat(reply.json().path("error").path("message").asText())
                .isEqualTo("The api-version query parameter (?api-version=) is required for all requests.");
    }

    @Test
    void servesOnlyTheVersionsItIsConfiguredWith() {
        try (EmulatorSession pinned = EmulatorSession.start(b -> b.acceptedApiVersions("2025-12-01", "2026-07-01"))) {
            Reply newest = pinned.client.send("GET", pinned.client.computesPath() + "?api-version=2026-07-01", null);
            Reply older = pinned.client.send("GET", pinned.client.computesPath() + "?api-version=2022-10-01", null);

            assertThat(newest.status()).isEqualTo(200);
            assertThat(older.errorCode()).isEqualTo("NoRegisteredProviderFound");
            assertThat(older.json().path("error").path("message").asText())
                    .contains("The supported api-versions are '2026-07-01, 2025-12-01'.");
        }
    }

    @Test
    void cannotBeConfiguredWithAVersionItHasNoContractFor() {
        assertThatThrownBy(() -> ArmEmulator.builder().acceptedApiVersions("2025-12-01", "2024-01-01-preview"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-01-01-preview");
    }

    private static java.util.List<String> newestFirst() {
        return ComputeApiVersion.published().stream().sorted(java.util.Comparator.reverseOrder())
                .map(ComputeApiVersion::wireName).toList();
    }
}
