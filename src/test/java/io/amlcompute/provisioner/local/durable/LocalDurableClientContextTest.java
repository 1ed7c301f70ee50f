package io.amlcompute.provisioner.local.durable;

import static io.amlcompute.provisioner.local.durable.DurableRig.orchestration;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code @DurableClientInput} value a local Functions host hands to function code. */
@Timeout(60)
class LocalDurableClientContextTest {

    private DurableRig rig;

    @BeforeEach
    void startBackendAndWorker() throws Exception {
        rig = DurableRig.start(DurableBackendOptions.inMemory().withTaskHubName("ProvisionerHub"));
        rig.startWorker(orchestration("Echo", ctx -> ctx.complete(ctx.getInput(String.class))));
    }

    @AfterEach
    void closeRig() throws Exception {
        rig.close();
    }

    @Test
    void createsAContextWhoseClientStartsOrchestrationsOnTheBackend() throws Exception {
        DurableClientContext context = LocalDurableClientContext.create(rig.backend().port(), "ProvisionerHub");

        assertThat(context.getTaskHubName()).isEqualTo("ProvisionerHub");
        assertThat(runEcho(context, "via factory")).isEqualTo("via factory");
    }

    @Test
    void writesBindingJsonThatGsonTurnsIntoAWorkingContextAsTheJavaWorkerDoes() throws Exception {
        String json = LocalDurableClientContext.bindingJson(rig.backend().port(), "ProvisionerHub");

        DurableClientContext context = new Gson().fromJson(json, DurableClientContext.class);

        assertThat(context.getTaskHubName()).isEqualTo("ProvisionerHub");
        assertThat(runEcho(context, "via binding json")).isEqualTo("via binding json");
    }

    @Test
    void theBindingJsonHasTheDurableExtensionsFieldsWithItsNullsAndALocalhostRpcBaseUrl() throws Exception {
        com.fasterxml.jackson.databind.JsonNode json = io.amlcompute.provisioner.contract.Json.MAPPER.readTree(
                LocalDurableClientContext.bindingJson(4001, "ProvisionerHub"));

        assertThat(json.fieldNames()).toIterable().containsExactly("taskHubName", "connectionName", "creationUrls",
                "managementUrls", "baseUrl", "requiredQueryStringParameters", "rpcBaseUrl");
        assertThat(json.get("creationUrls").isNull()).isTrue();
        assertThat(json.get("rpcBaseUrl").asText()).isEqualTo("http://localhost:4001");
    }

    @Test
    void offersTheContextForItsOwnPortAndHub() throws Exception {
        DurableClientContext context = rig.backend().clientContext();

        assertThat(context.getTaskHubName()).isEqualTo("ProvisionerHub");
        assertThat(runEcho(context, "via backend")).isEqualTo("via backend");
    }

    private static String runEcho(DurableClientContext context, String input) throws Exception {
        DurableTaskClient client = context.getClient();
        try {
            String id = client.scheduleNewOrchestrationInstance("Echo", input);
            return client.waitForInstanceCompletion(id, DurableRig.WAIT, true).readOutputAs(String.class);
        } finally {
            client.close();
        }
    }
}
