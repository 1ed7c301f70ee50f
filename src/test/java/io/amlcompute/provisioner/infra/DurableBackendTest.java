package io.amlcompute.provisioner.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One parameter, {@code durableBackend}, chooses where orchestrations run (ADR 0005): the Azure Storage provider in
 * the host's storage account, or a Durable Task Scheduler made by the deployment. Each value is deployed as a whole
 * here: the resources, the roles and their scopes, and the app settings that switch the provider.
 */
class DurableBackendTest {

    private static final String SCHEDULER_MODULE = "app/durable-task-scheduler.bicep";
    private static final String SCHEDULERS = "Microsoft.DurableTask/schedulers";
    private static final String TASK_HUBS = "Microsoft.DurableTask/schedulers/taskHubs";
    /** GA api-version: Azure/bicep-types-az generated/durabletask/microsoft.durabletask/2025-11-01. */
    private static final String API_VERSION = "2025-11-01";
    private static final String HOST_OVERRIDE = "AzureFunctionsJobHost__extensions__durableTask__";

    private static Deployment azureStorage() {
        return Deployment.of(Map.of());
    }

    private static Deployment scheduler() {
        return Deployment.of(Map.of("durableBackend", "scheduler"));
    }

    @Test
    void azureStorageIsTheDefaultAndTheOnlyOtherValueIsScheduler() {
        assertThat(BicepText.unquote(Infra.main().param("durableBackend").defaultValue())).isEqualTo("azureStorage");
        assertThat(decorator("durableBackend", "allowed")).isEqualTo("[ 'azureStorage' 'scheduler' ]");
    }

    @Test
    void azdFeedsTheBackendFromAnEnvironmentValue() {
        assertThat(Infra.text("infra/main.parameters.json"))
                .contains("\"durableBackend\": {\n      \"value\": \"${DURABLE_BACKEND=azureStorage}\"");
    }

    @Test
    void withAzureStorageNoSchedulerIsDeployedAndDurableGetsQueuesAndTablesOfTheHostStorage() {
        Deployment deployment = azureStorage();

        assertThat(deployment.deploys(SCHEDULER_MODULE)).isFalse();
        assertThat(held(deployment)).contains(
                "STORAGE_BLOB_DATA_OWNER on Microsoft.Storage/storageAccounts",
                "STORAGE_QUEUE_DATA_CONTRIBUTOR on Microsoft.Storage/storageAccounts",
                "STORAGE_TABLE_DATA_CONTRIBUTOR on Microsoft.Storage/storageAccounts")
                .noneMatch(role -> role.startsWith("DURABLE_TASK"));
        assertThat(deployment.appSettings().entries().keySet())
                .noneMatch(key -> key.startsWith(HOST_OVERRIDE) || key.startsWith("DURABLE_TASK"));
    }

    @Test
    void withTheSchedulerASchedulerAndTheAppsTaskHubAreDeployed() {
        Deployment.Scope module = scheduler().module(SCHEDULER_MODULE);

        List<BicepFile.Resource> resources = module.resources();
        BicepFile.Resource scheduler = single(resources, SCHEDULERS);
        BicepFile.Resource taskHub = single(resources, TASK_HUBS);
        assertThat(List.of(scheduler.apiVersion(), taskHub.apiVersion())).containsOnly(API_VERSION);
        assertThat(taskHub.expr("parent")).contains(scheduler.symbol());
        assertThat(module.evaluate(taskHub.expr("name").orElseThrow()))
                .as("the task hub is named as host.json's hubName")
                .isEqualTo(Infra.json("host.json").path("extensions").path("durableTask").path("hubName").asText());
        assertThat(module.evaluate(scheduler.expr("name").orElseThrow()))
                .isEqualTo(new BicepExpression.Opaque("'dts-${resourceToken}'"));
    }

    @Test
    void withTheSchedulerTheAppHoldsDurableTaskDataContributorOnItsTaskHubOnly() {
        List<RoleAssignment> durable = scheduler().roleAssignments().stream()
                .filter(a -> a.isRole(BuiltInRole.DURABLE_TASK_DATA_CONTRIBUTOR)).toList();

        assertThat(durable).singleElement().satisfies(a -> {
            assertThat(a.scope().type()).as("scope: the task hub, not the whole scheduler").isEqualTo(TASK_HUBS);
            assertThat(a.principal()).isEqualTo("appPrincipalId");
        });
        assertThat(Infra.main().module(SCHEDULER_MODULE).body().expr("params.appPrincipalId"))
                .contains("identity.outputs.principalId");
    }

    @Test
    void withTheSchedulerTheHostStorageKeepsBlobsAndLosesTheQueueAndTableRolesOfDurable() {
        assertThat(held(scheduler()).stream().filter(role -> role.startsWith("STORAGE_")))
                .containsExactly("STORAGE_BLOB_DATA_OWNER on Microsoft.Storage/storageAccounts");
    }

    @Test
    void withTheSchedulerAppSettingsSwitchTheStorageProviderAndConnectAsTheAppIdentity() {
        BicepValue.Obj settings = scheduler().appSettings();

        assertThat(settings.text(HOST_OVERRIDE + "storageProvider__type")).contains("azureManaged");
        String connectionSetting = settings.text(HOST_OVERRIDE + "storageProvider__connectionStringName").orElseThrow();
        assertThat(settings.expr(connectionSetting)).as("the setting the provider reads")
                .contains("'Endpoint=${durableTaskScheduler.outputs.endpoint};Authentication=ManagedIdentity;"
                        + "ClientID=${identity.outputs.clientId}'");
        assertThat(settings.expr(HOST_OVERRIDE + "hubName")).contains("durableTaskScheduler.outputs.taskHubName");
        // Everything else stays: host storage (keys, leases, the package), Service Bus, telemetry, policy.
        assertThat(settings.entries().keySet()).containsAll(azureStorage().appSettings().entries().keySet());
    }

    @Test
    void hostJsonKeepsTheAzureStorageDefaultSoOnlyTheAppSettingsSwitch() {
        JsonNode storageProvider = Infra.json("host.json").path("extensions").path("durableTask")
                .path("storageProvider");
        assertThat(storageProvider.has("type")).as("no storageProvider.type: Azure Storage").isFalse();
    }

    @Test
    void theExtensionBundleRangeStartsAtTheFirstBundleWithTheSchedulerProvider() {
        // Microsoft: "update the extensionBundle property to use version 4.32.0 or later, which includes Durable Task
        // Scheduler support" (learn.microsoft.com/azure/durable-task/scheduler/quickstart-durable-task-scheduler).
        String range = Infra.json("host.json").path("extensionBundle").path("version").asText();
        Matcher m = Pattern.compile("^\\[(\\d+)\\.(\\d+)\\.(\\d+), 5\\.0\\.0\\)$").matcher(range);
        assertThat(m.matches()).as("a range [x.y.z, 5.0.0): %s", range).isTrue();
        int[] lower = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        assertThat(lower[0] * 1_000_000 + lower[1] * 1_000 + lower[2]).as("lower bound of %s", range)
                .isGreaterThanOrEqualTo(4_032_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Consumption", "Dedicated"})
    void theSkuIsAParameterAndOnlyDedicatedCarriesCapacity(String sku) {
        Deployment.Scope module = Deployment.of(Map.of("durableBackend", "scheduler", "durableTaskSchedulerSku", sku,
                "durableTaskSchedulerCapacity", 3L)).module(SCHEDULER_MODULE);
        BicepFile.Resource scheduler = single(module.resources(), SCHEDULERS);

        Object skuValue = module.evaluate(scheduler.expr("properties.sku").orElseThrow());

        assertThat(skuValue).isInstanceOfSatisfying(BicepValue.Obj.class, obj -> {
            assertThat(module.evaluate(obj.expr("name").orElseThrow())).isEqualTo(sku);
            assertThat(obj.expr("capacity").map(module::evaluate))
                    .isEqualTo(sku.equals("Dedicated") ? java.util.Optional.of(3L) : java.util.Optional.empty());
        });
    }

    @Test
    void theIpAllowListIsNeverEmptyWhichWouldRefuseEveryCaller() {
        Deployment.Scope module = scheduler().module(SCHEDULER_MODULE);
        BicepFile.Resource scheduler = single(module.resources(), SCHEDULERS);

        assertThat(module.evaluate(scheduler.expr("properties.ipAllowlist").orElseThrow()))
                .isEqualTo(List.of("0.0.0.0/0"));
        assertThat(decorator("durableTaskSchedulerIpAllowlist", "minLength")).isEqualTo("1");
    }

    /** Every deployed role of the app identity as "ROLE on type". */
    private static List<String> held(Deployment deployment) {
        return deployment.roleAssignments().stream().filter(a -> a.principal().equals("appPrincipalId"))
                .map(a -> java.util.Arrays.stream(BuiltInRole.values()).filter(a::isRole).findFirst()
                        .map(Enum::name).orElse(a.roleId()) + " on " + a.scope().type())
                .toList();
    }

    private static BicepFile.Resource single(List<BicepFile.Resource> resources, String type) {
        List<BicepFile.Resource> ofType = resources.stream().filter(r -> r.type().equalsIgnoreCase(type)).toList();
        assertThat(ofType).as("deployed resources of type %s", type).hasSize(1);
        return ofType.get(0);
    }

    /** The argument of a decorator on a main.bicep parameter, whitespace collapsed. */
    static String decorator(String param, String decorator) {
        String code = Infra.main().code();
        int at = code.indexOf("\nparam " + param + " ");
        assertThat(at).as("param %s", param).isPositive();
        String before = code.substring(Math.max(0, code.lastIndexOf("\nparam ", at - 1)), at);
        int open = before.indexOf("@" + decorator + "(");
        assertThat(open).as("@%s on param %s", decorator, param).isNotNegative();
        open += decorator.length() + 1;
        return before.substring(open + 1, BicepText.matching(before, open)).strip().replaceAll("\\s+", " ");
    }
}
