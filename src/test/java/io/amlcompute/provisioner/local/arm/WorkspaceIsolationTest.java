package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static io.amlcompute.provisioner.local.arm.EmulatorSession.LOCATION;
import static io.amlcompute.provisioner.local.arm.EmulatorSession.RESOURCE_GROUP;
import static io.amlcompute.provisioner.local.arm.EmulatorSession.SUBSCRIPTION;
import static io.amlcompute.provisioner.local.arm.EmulatorSession.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A compute name is unique per workspace, not per emulator: ARM ids include subscription, resource group and
 * workspace, so the same name in another workspace is another resource.
 */
class WorkspaceIsolationTest {

    private static final String OTHER_SUBSCRIPTION = "00000000-0000-0000-0000-00000000bbbb";
    private static final String NAME = "cpu-cluster";

    private EmulatorSession session;
    private ComputeApiClient a;
    private ComputeApiClient otherWorkspace;
    private ComputeApiClient otherResourceGroup;
    private ComputeApiClient otherSubscription;

    @BeforeEach
    void start() {
        session = EmulatorSession.start(builder -> builder
                .workspace(SUBSCRIPTION, RESOURCE_GROUP, "ws-other", LOCATION)
                .workspace(SUBSCRIPTION, "rg-other", WORKSPACE, LOCATION)
                .workspace(OTHER_SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, LOCATION));
        HttpClient http = HttpClient.newHttpClient();
        a = session.client;
        otherWorkspace = new ComputeApiClient(http, session.emulator.endpoint(), SUBSCRIPTION, RESOURCE_GROUP,
                "ws-other");
        otherResourceGroup = new ComputeApiClient(http, session.emulator.endpoint(), SUBSCRIPTION, "rg-other",
                WORKSPACE);
        otherSubscription = new ComputeApiClient(http, session.emulator.endpoint(), OTHER_SUBSCRIPTION,
                RESOURCE_GROUP, WORKSPACE);
    }

    @AfterEach
    void stop() {
        session.close();
    }

    @Test
    void aComputeCreatedInOneWorkspaceIsNotFoundInWorkspacesDifferingInAnyPartOfTheirId() {
        assertThat(a.put(NAME, amlCompute("STANDARD_DS3_V2", 0, 2)).status()).isEqualTo(201);
        session.advance(Duration.ofSeconds(10));
        assertThat(a.get(NAME).provisioningState()).isEqualTo("Succeeded");

        for (ComputeApiClient other : new ComputeApiClient[] {otherWorkspace, otherResourceGroup, otherSubscription}) {
            ComputeApiClient.Reply missing = other.get(NAME);
            assertThat(missing.status()).as(other.computePath(NAME)).isEqualTo(404);
            assertThat(missing.errorCode()).isEqualTo("ResourceNotFound");
            assertThat(other.list().json().path("value")).as(other.computesPath()).isEmpty();
        }
    }

    @Test
    void theSameNameInTwoWorkspacesKeepsItsOwnDefinitionAndDeletingOneLeavesTheOther() {
        assertThat(a.put(NAME, amlCompute("STANDARD_DS3_V2", 0, 2)).status()).isEqualTo(201);
        // Not a conflict with A's compute of the same name (a different VM size would be refused as a change).
        assertThat(otherWorkspace.put(NAME, amlCompute("STANDARD_NC6", 0, 4)).status()).isEqualTo(201);
        session.advance(Duration.ofSeconds(10));
        assertThat(a.get(NAME).typeProperties().path("vmSize").asText()).isEqualTo("STANDARD_DS3_V2");
        assertThat(otherWorkspace.get(NAME).typeProperties().path("vmSize").asText()).isEqualTo("STANDARD_NC6");
        assertThat(otherWorkspace.get(NAME).json().path("id").asText())
                .endsWith("/workspaces/ws-other/computes/" + NAME);

        assertThat(a.delete(NAME, "Delete").status()).isEqualTo(202);
        session.advance(Duration.ofSeconds(5));

        assertThat(a.get(NAME).status()).isEqualTo(404);
        ComputeApiClient.Reply survivor = otherWorkspace.get(NAME);
        assertThat(survivor.status()).isEqualTo(200);
        assertThat(survivor.provisioningState()).isEqualTo("Succeeded");
        assertThat(survivor.typeProperties().path("scaleSettings").path("maxNodeCount").asInt()).isEqualTo(4);
    }
}
