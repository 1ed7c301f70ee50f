package io.amlcompute.provisioner.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The function app runs on Flex Consumption, Linux, Java 17, with what Durable Functions needs there. */
class FlexConsumptionTest {

    private static BicepFile functionApp() {
        return Infra.moduleOfMain("app/function-app.bicep");
    }

    @Test
    void planIsLinuxFlexConsumption() {
        BicepFile.Resource plan = functionApp().resourcesOfType("Microsoft.Web/serverfarms").get(0);
        assertThat(plan.body().text("sku.name")).contains("FC1");
        assertThat(plan.body().text("sku.tier")).contains("FlexConsumption");
        assertThat(plan.expr("properties.reserved")).contains("true");
    }

    @Test
    void runtimeIsTheJavaVersionThePomPackagesFor() {
        BicepFile.Resource site = functionApp().resourcesOfType("Microsoft.Web/sites").get(0);
        assertThat(site.body().text("kind")).contains("functionapp,linux");
        assertThat(site.body().text("properties.functionAppConfig.runtime.name")).contains("java");
        assertThat(site.body().text("properties.functionAppConfig.runtime.version"))
                .contains(Infra.pomProperty("javaVersion"));
    }

    @Test
    void durableTriggersHaveOneAlwaysReadyInstance() {
        BicepFile.Resource site = functionApp().resourcesOfType("Microsoft.Web/sites").get(0);
        BicepValue.Arr alwaysReady = site.body().array("properties.functionAppConfig.scaleAndConcurrency.alwaysReady")
                .orElseThrow(() -> new AssertionError("no alwaysReady instances configured"));
        assertThat(alwaysReady.items()).anySatisfy(item -> {
            BicepValue.Obj group = (BicepValue.Obj) item;
            assertThat(group.text("name")).contains("durable");
            assertThat(group.expr("instanceCount")).contains("1");
        });
    }

    @Test
    void durableQueuesArePolledAtLeastEveryTenSeconds() {
        JsonNode storageProvider = Infra.json("host.json").path("extensions").path("durableTask")
                .path("storageProvider");
        assertThat(ServiceBusEntitiesTest.timeSpan(storageProvider.path("maxQueuePollingInterval")))
                .isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void packageIsDeployedFromTheStorageAccountsDeploymentContainer() {
        BicepFile.Resource site = functionApp().resourcesOfType("Microsoft.Web/sites").get(0);
        assertThat(site.body().text("properties.functionAppConfig.deployment.storage.type")).contains("blobContainer");
        assertThat(Infra.main().module("app/function-app.bicep").body().expr("params.deploymentContainerUrl"))
                .hasValueSatisfying(url -> assertThat(url).contains("storage.outputs.blobEndpoint")
                        .contains("storage.outputs.deploymentContainerName"));
        assertThat(Infra.moduleOfMain("app/storage.bicep")
                .resourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers")).hasSize(1);
    }
}
