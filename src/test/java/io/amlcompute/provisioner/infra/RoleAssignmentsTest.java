package io.amlcompute.provisioner.infra;

import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.contract.ComputeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code path gets the role it needs from the app identity, on the narrowest resource that serves it, and
 * nothing broader.
 */
class RoleAssignmentsTest {

    /**
     * What the code does in Azure, the role that allows it, and the resource (type and name) it is granted on.
     * Service Bus is not listed here: {@link ServiceBusUse} finds those needs in the code; nor is Durable Functions,
     * whose roles depend on the backend ({@link DurableBackendTest}); nor the ARM gateway's compute actions, granted by a
     * custom role ({@link ComputeLifecycleAccessTest}).
     */
    enum Need {
        FUNCTIONS_HOST_USES_BLOBS(BuiltInRole.STORAGE_BLOB_DATA_OWNER, "Microsoft.Storage/storageAccounts", "name"),
        SECRET_RESOLVER_READS_SECRETS(BuiltInRole.KEY_VAULT_SECRETS_USER, "Microsoft.KeyVault/vaults", "name"),
        ARM_GATEWAY_READS_WORKSPACE_REGION(BuiltInRole.READER,
                "Microsoft.MachineLearningServices/workspaces", "workspaceName"),
        TELEMETRY_IS_PUBLISHED(BuiltInRole.MONITORING_METRICS_PUBLISHER, "Microsoft.Insights/components",
                "applicationInsightsName"),
        ARM_GATEWAY_ASSIGNS_COMPUTE_IDENTITIES(BuiltInRole.MANAGED_IDENTITY_OPERATOR,
                "Microsoft.ManagedIdentity/userAssignedIdentities", "identityName");

        final BuiltInRole role;
        final String scopeType;
        final String scopeName;

        Need(BuiltInRole role, String scopeType, String scopeName) {
            this.role = role;
            this.scopeType = scopeType;
            this.scopeName = scopeName;
        }
    }

    private static List<RoleAssignment> appAssignments() {
        return RoleAssignment.in(Infra.allBicep()).stream()
                .filter(a -> a.principal().equals("appPrincipalId")).toList();
    }

    @ParameterizedTest
    @EnumSource(Need.class)
    void appIdentityHoldsTheRoleEachCodePathNeeds(Need need) {
        assertThat(appAssignments())
                .as("%s: %s on a %s named by %s", need, need.role, need.scopeType, need.scopeName)
                .anySatisfy(a -> {
                    assertThat(a.isRole(need.role)).isTrue();
                    assertThat(a.scope().type()).isEqualToIgnoringCase(need.scopeType);
                    assertThat(a.scope().expr("name")).contains(need.scopeName);
                    assertThat(a.condition()).as("deployed unconditionally").isNull();
                });
    }

    @Test
    void appIdentityHoldsExactlyTheServiceBusRolesTheCodeUses() {
        BicepValue.Obj appSettings = Infra.main().objectVar("appSettings");
        Set<String> needed = ServiceBusUse.ofTheApp().stream().map(use -> {
            // The app setting names the entity through a main.bicep parameter; service-bus.bicep names the
            // entity by the parameter of the same name (EntityNamesTest).
            String param = appSettings.expr(use.setting().key())
                    .orElseThrow(() -> new AssertionError(use.setting().key() + " is not in appSettings"));
            assertThat(Infra.main().params()).as("%s is a parameter", param).containsKey(param);
            return use.access().role + " on " + param;
        }).collect(Collectors.toSet());
        List<RoleAssignment> held = appAssignments().stream()
                .filter(a -> a.isRole(BuiltInRole.SERVICE_BUS_DATA_RECEIVER)
                        || a.isRole(BuiltInRole.SERVICE_BUS_DATA_SENDER)).toList();
        assertThat(held).allSatisfy(a -> assertThat(a.condition()).as("%s deployed unconditionally", a.where())
                .isNull());
        assertThat(held.stream().map(a -> (a.isRole(BuiltInRole.SERVICE_BUS_DATA_RECEIVER)
                ? BuiltInRole.SERVICE_BUS_DATA_RECEIVER : BuiltInRole.SERVICE_BUS_DATA_SENDER)
                + " on " + a.scope().expr("name").orElse("?")))
                .as("the app's Service Bus roles, each on the entity the code receives from or sends to")
                .containsExactlyInAnyOrderElementsOf(needed);
    }

    @Test
    void serviceBusUsesAreFoundInTheCode() {
        // Guards the derivation above against finding nothing: these three are in the design.
        assertThat(ServiceBusUse.ofTheApp()).contains(
                new ServiceBusUse(Setting.COMPUTE_REQUESTS_QUEUE, ServiceBusUse.Access.RECEIVE),
                new ServiceBusUse(Setting.COMPUTE_EVENTS_TOPIC, ServiceBusUse.Access.SEND),
                new ServiceBusUse(Setting.COMPUTE_REPLIES_QUEUE, ServiceBusUse.Access.SEND));
    }

    @Test
    void theDeadLetterReaderIsFoundAsAReceiverOfTheRequestsQueue() {
        // AnswerUndeliverableRequests reads the requests queue's dead-letter queue with the SDK, not a trigger: the
        // receiver role it needs is the one on the queue, and it must be there even without the queue's trigger.
        assertThat(ServiceBusUse.sdkReceivers()).containsExactly(
                new ServiceBusUse(Setting.COMPUTE_REQUESTS_QUEUE, ServiceBusUse.Access.RECEIVE));
    }

    @Test
    void everyModuleThatAssignsRolesGetsTheAppIdentity() {
        List<BicepFile.Module> granting = Infra.main().modules().stream()
                .filter(m -> Infra.bicep("infra/" + m.path()).params().containsKey("appPrincipalId")).toList();
        assertThat(granting).extracting(BicepFile.Module::path).contains("app/service-bus.bicep",
                "app/storage.bicep", "app/key-vault.bicep", "app/monitoring.bicep", "app/workspace-access.bicep",
                "app/attach-target-access.bicep", "app/compute-identity-access.bicep",
                "app/durable-task-scheduler.bicep", "app/subnet-access.bicep", "app/region-read-access.bicep");
        granting.forEach(m -> assertThat(m.body().expr("params.appPrincipalId")).as(m.path())
                .contains("identity.outputs.principalId"));
    }

    /**
     * Every ARM operation the gateway performs on a workspace (ArmComputeGateway): the read of the workspace's region
     * (Workspaces_Get), and reads, writes (PUT, PATCH), deletes, starts, stops and restarts of its computes.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "Microsoft.MachineLearningServices/workspaces/read",
            "Microsoft.MachineLearningServices/workspaces/computes/read",
            "Microsoft.MachineLearningServices/workspaces/computes/write",
            "Microsoft.MachineLearningServices/workspaces/computes/delete",
            "Microsoft.MachineLearningServices/workspaces/computes/start/action",
            "Microsoft.MachineLearningServices/workspaces/computes/stop/action",
            "Microsoft.MachineLearningServices/workspaces/computes/restart/action"})
    void theRolesGrantedOnEachWorkspaceAllowEveryOperationTheGatewayMakes(String operation) {
        List<RoleAssignment> onWorkspace = RoleAssignment.in(List.of(Infra.moduleOfMain("app/workspace-access.bicep")))
                .stream().filter(a -> a.principal().equals("appPrincipalId")
                        && a.scope().type().equalsIgnoreCase("Microsoft.MachineLearningServices/workspaces")).toList();

        assertThat(onWorkspace).as("a role on the workspace that allows %s", operation).anySatisfy(a -> {
            boolean allowed = a.roleId().equals(ComputeLifecycleAccessTest.LIFECYCLE_ROLE)
                    ? ComputeLifecycleAccessTest.roleActions().contains(operation)
                    : Arrays.stream(BuiltInRole.values()).filter(a::isRole).findFirst().orElseThrow().allows(operation);
            assertThat(allowed).isTrue();
        });
    }

    @Test
    void readerAloneDoesNotAllowChangingComputes() {
        // Why the lifecycle role is granted beside it; and why not Compute Operator: it is all of workspaces/computes/*.
        assertThat(BuiltInRole.READER.allows("Microsoft.MachineLearningServices/workspaces/computes/write")).isFalse();
        assertThat(BuiltInRole.AZUREML_COMPUTE_OPERATOR.allows(
                "Microsoft.MachineLearningServices/workspaces/computes/listKeys/action")).isTrue();
        assertThat(ComputeLifecycleAccessTest.roleActions())
                .doesNotContain("Microsoft.MachineLearningServices/workspaces/computes/listKeys/action");
    }

    @Test
    void workspaceRolesAreGrantedOnEveryWorkspaceInItsOwnResourceGroup() {
        BicepFile.Module access = Infra.main().module("app/workspace-access.bicep");
        assertThat(access.loop()).endsWith("in computeWorkspaceIds");
        // Subscription and resource group come from the id, so workspaces anywhere the deployer may assign roles.
        assertThat(access.body().expr("scope")).hasValueSatisfying(scope -> assertThat(scope)
                .startsWith("resourceGroup(").contains("[2]").contains("[4]"));
    }

    @ParameterizedTest
    @EnumSource(value = ComputeType.class, names = "AML_COMPUTE", mode = EnumSource.Mode.EXCLUDE)
    void everyKindOfAttachTargetCanGetReader(ComputeType type) {
        List<RoleAssignment> readers = RoleAssignment.in(List.of(Infra.moduleOfMain("app/attach-target-access.bicep")))
                .stream().filter(a -> a.isRole(BuiltInRole.READER)).toList();
        for (String resourceType : AttachTarget.expectedResourceTypes(type)) {
            assertThat(readers).as("Reader on a %s", resourceType).anySatisfy(a -> {
                assertThat(a.scope().type()).isEqualToIgnoringCase(resourceType);
                assertThat(a.condition()).contains("'" + resourceType.toLowerCase(Locale.ROOT) + "'");
                assertThat(a.principal()).isEqualTo("appPrincipalId");
            });
        }
        assertThat(Infra.main().module("app/attach-target-access.bicep").loop()).endsWith("in attachTargetIds");
    }

    @Test
    void identityOperatorIsGrantedOnEveryComputeIdentityInItsOwnResourceGroup() {
        BicepFile.Module access = Infra.main().module("app/compute-identity-access.bicep");
        assertThat(access.loop()).endsWith("in computeIdentityIds");
        assertThat(access.body().expr("scope")).hasValueSatisfying(scope -> assertThat(scope)
                .startsWith("resourceGroup(").contains("[2]").contains("[4]"));
    }

    @Test
    void serviceBusRolesAreGrantedOnEntitiesNeverOnTheNamespace() {
        List<String> entityTypes = Arrays.asList("Microsoft.ServiceBus/namespaces/queues",
                "Microsoft.ServiceBus/namespaces/topics", "Microsoft.ServiceBus/namespaces/topics/subscriptions");
        assertThat(RoleAssignment.in(Infra.allBicep()))
                .filteredOn(a -> a.isRole(BuiltInRole.SERVICE_BUS_DATA_RECEIVER)
                        || a.isRole(BuiltInRole.SERVICE_BUS_DATA_SENDER))
                .isNotEmpty()
                .allSatisfy(a -> assertThat(entityTypes).as(a.where()).contains(a.scope().type()));
    }

    @Test
    void appIdentityHoldsNoOtherRoles() {
        assertThat(appAssignments()).extracting(RoleAssignment::roleId)
                .allSatisfy(id -> assertThat(Arrays.stream(BuiltInRole.values()).map(BuiltInRole::id).toList()
                        .contains(id) || id.equals(SubnetAccessTest.JOIN_ROLE)
                        || id.equals(ComputeLifecycleAccessTest.LIFECYCLE_ROLE)
                        || id.equals(RegionReadAccessTest.REGION_READ_ROLE)).as(id).isTrue());
    }
}
