package io.amlcompute.provisioner.local.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compute_ListNodes and Compute_ListKeys, and the secrets a GET never returns. */
class ComputeListingsTest {

    private EmulatorSession session;

    @BeforeEach
    void start() {
        session = EmulatorSession.start(builder -> builder.nodeSetupFailsFor("STANDARD_NC6"));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private Reply post(String name, String action) {
        return session.client.send("POST", session.client.computePath(name) + "/" + action + "?"
                + ComputeApiClient.API_VERSION, null);
    }

    @Test
    void listNodesShowsOneEntryPerNodeInItsState() {
        session.client.put("cpu", ComputeBodies.amlCompute("STANDARD_DS3_V2", 3, 4));
        assertThat(post("cpu", "listNodes").json().path("nodes")).as("still Creating: no nodes").isEmpty();
        session.advance(Duration.ofSeconds(30));

        Reply nodes = post("cpu", "listNodes");

        assertThat(nodes.status()).isEqualTo(200);
        assertThat(nodes.json().path("nodes")).hasSize(3).allSatisfy(node -> {
            assertThat(node.path("nodeState").asText()).isEqualTo("idle");
            assertThat(node.path("nodeId").asText()).startsWith("tvm-");
            assertThat(node.path("port").asInt()).isBetween(50000, 50002);
            assertThat(node.path("privateIpAddress").asText()).startsWith("10.0.");
        });
        assertThat(nodes.json().has("nextLink")).isFalse();
    }

    @Test
    void listNodesShowsUnusableNodesInLowerCase() {
        session.client.put("gpu", ComputeBodies.amlCompute("STANDARD_NC6", 2, 2));
        session.advance(Duration.ofSeconds(30));

        assertThat(post("gpu", "listNodes").json().path("nodes")).extracting(n -> n.path("nodeState").asText())
                .containsExactly("unusable", "unusable");
    }

    @Test
    void listNodesOfAnInstanceIsRefusedAsTheServiceRefusesIt() {
        session.client.put("ci-alice", ComputeBodies.computeInstance());

        Reply reply = post("ci-alice", "listNodes");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("UserError");
        assertThat(reply.json().path("error").path("message").asText())
                .isEqualTo("ComputeListNodes with computeType ComputeInstance is not supported.");
    }

    @Test
    void listKeysReturnsTheVirtualMachineCredentialsThatGetNeverShows() {
        session.client.put("vm-one", ComputeBodies.attach("VirtualMachine", EmulatorSession.VM_ID,
                "\"sshPort\": 22, \"address\": \"10.1.2.3\", \"administratorAccount\": { \"username\": \"azureuser\","
                        + " \"password\": \"vm-password-42\", \"privateKeyData\": \"-----BEGIN KEY-----x\" }"));
        session.advance(Duration.ofSeconds(10));

        Reply get = session.client.get("vm-one");
        Reply keys = post("vm-one", "listKeys");

        assertThat(get.body()).doesNotContain("vm-password-42").doesNotContain("BEGIN KEY");
        assertThat(keys.status()).as(keys.body()).isEqualTo(200);
        assertThat(keys.json().path("computeType").asText()).isEqualTo("VirtualMachine");
        assertThat(keys.json().path("administratorAccount").path("username").asText()).isEqualTo("azureuser");
        assertThat(keys.json().path("administratorAccount").path("password").asText()).isEqualTo("vm-password-42");
        assertThat(keys.json().path("administratorAccount").path("privateKeyData").asText())
                .isEqualTo("-----BEGIN KEY-----x");
    }

    @Test
    void listKeysReturnsTheDatabricksToken() {
        session.client.put("dbx", ComputeBodies.databricks(EmulatorSession.DATABRICKS_ID,
                EmulatorSession.DATABRICKS_TOKEN));

        Reply keys = post("dbx", "listKeys");

        assertThat(keys.json().path("computeType").asText()).isEqualTo("Databricks");
        assertThat(keys.json().path("databricksAccessToken").asText()).isEqualTo(EmulatorSession.DATABRICKS_TOKEN);
        assertThat(session.client.get("dbx").body()).doesNotContain(EmulatorSession.DATABRICKS_TOKEN);
    }

    @Test
    void listKeysOfATypeWithoutSecretsAnswersItsTypeOnly() {
        session.client.put("cpu", ComputeBodies.amlCompute());

        Reply keys = post("cpu", "listKeys");

        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().fieldNames()).toIterable().containsExactly("computeType");
    }

    @Test
    void aDetachedComputeLeavesNoSecretsBehind() {
        session.client.put("dbx", ComputeBodies.databricks(EmulatorSession.DATABRICKS_ID,
                EmulatorSession.DATABRICKS_TOKEN));
        session.advance(Duration.ofSeconds(10));
        session.client.delete("dbx", "Detach");
        session.advance(Duration.ofSeconds(5));
        session.client.put("dbx", ComputeBodies.attach("Databricks", EmulatorSession.DATABRICKS_ID,
                "\"databricksAccessToken\": \"" + EmulatorSession.DATABRICKS_TOKEN + "\""));
        assertThat(post("dbx", "listKeys").json().path("databricksAccessToken").asText())
                .isEqualTo(EmulatorSession.DATABRICKS_TOKEN);

        session.advance(Duration.ofSeconds(10));
        session.client.delete("dbx", "Detach");

        assertThat(post("dbx", "listKeys").json().has("databricksAccessToken")).isFalse();
    }

    @Test
    void listingsOfAnUnknownComputeAre404() {
        assertThat(post("nothing", "listNodes").status()).isEqualTo(404);
        assertThat(post("nothing", "listKeys").status()).isEqualTo(404);
    }
}
