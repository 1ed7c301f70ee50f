package io.amlcompute.provisioner.infra;

import io.amlcompute.provisioner.arm.ArmPermissions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app identity's rights on a workspace's computes: a custom role holding exactly the actions the ARM gateway uses
 * ({@link ArmPermissions}: computes read, write, delete, start, stop, restart, which covers creating a compute
 * instance on someone's behalf), made once per subscription that holds a target workspace, assigned on each workspace
 * beside Reader, and nothing broader: not AzureML Compute Operator, whose {@code workspaces/computes/*} also reads
 * attached computes' secrets and opens shared instances' applications.
 */
class ComputeLifecycleAccessTest {

    /** How {@link RoleAssignment} names the custom role (its id is computed at deploy time). */
    static final String LIFECYCLE_ROLE = RoleAssignment.CUSTOM
            + "guid(subscription().id, 'aml-compute-provisioner-compute-lifecycle', environmentName)";

    private static BicepFile role() {
        return Infra.moduleOfMain("app/compute-lifecycle-role.bicep");
    }

    private static BicepFile access() {
        return Infra.moduleOfMain("app/workspace-access.bicep");
    }

    /** The role's actions as the Bicep lists them. */
    static List<String> roleActions() {
        BicepFile.Resource definition = role().resourcesOfType("Microsoft.Authorization/roleDefinitions").get(0);
        BicepValue.Obj permissions = (BicepValue.Obj) definition.body().array("properties.permissions").orElseThrow()
                .items().get(0);
        return permissions.array("actions").orElseThrow().items().stream()
                .map(item -> ((BicepValue.Expr) item).text()).toList();
    }

    @Test
    void theRoleHoldsExactlyTheActionsTheGatewayUses() {
        BicepFile.Resource definition = role().resourcesOfType("Microsoft.Authorization/roleDefinitions").get(0);
        BicepValue.Obj permissions = (BicepValue.Obj) definition.body().array("properties.permissions").orElseThrow()
                .items().get(0);

        assertThat(roleActions()).containsExactlyInAnyOrderElementsOf(ArmPermissions.COMPUTE_ACTIONS);
        assertThat(roleActions()).noneMatch(action -> action.contains("*"))
                .doesNotContain("Microsoft.MachineLearningServices/workspaces/computes/listKeys/action",
                        "Microsoft.MachineLearningServices/workspaces/computes/applicationaccess/action");
        for (String none : List.of("notActions", "dataActions", "notDataActions")) {
            assertThat(permissions.array(none).orElseThrow().items()).as(none).isEmpty();
        }
        assertThat(definition.body().array("properties.assignableScopes").orElseThrow().items())
                .containsExactly(new BicepValue.Expr("subscription().id"));
        assertThat(definition.body().text("properties.type")).contains("CustomRole");
        assertThat(role().targetScope()).isEqualTo("subscription");
    }

    @Test
    void eachWorkspaceGetsTheRoleAndReaderAndNothingElse() {
        List<RoleAssignment> assignments = RoleAssignment.in(List.of(access()));

        assertThat(assignments).hasSize(2).allSatisfy(a -> {
            assertThat(a.principal()).isEqualTo("appPrincipalId");
            assertThat(a.condition()).isNull();
            assertThat(a.scope().type()).isEqualTo("Microsoft.MachineLearningServices/workspaces");
        });
        assertThat(assignments).extracting(RoleAssignment::roleId)
                .containsExactlyInAnyOrder(LIFECYCLE_ROLE, BuiltInRole.READER.id());
        assertThat(assignments).noneMatch(a -> a.isRole(BuiltInRole.AZUREML_COMPUTE_OPERATOR));
    }

    @Test
    void theAssignmentNamesTheRoleTheRoleModuleMakes() {
        assertThat(access().var("computeLifecycleRoleName")).isEqualTo(role().var("computeLifecycleRoleName"));
        assertThat(role().resourcesOfType("Microsoft.Authorization/roleDefinitions").get(0).expr("name"))
                .contains("computeLifecycleRoleName");
    }

    @Test
    void theRoleIsMadeOnceInEverySubscriptionThatHoldsATargetWorkspaceBeforeItIsAssigned() {
        BicepFile.Module roles = Infra.main().module("app/compute-lifecycle-role.bicep");
        assertThat(roles.loop()).endsWith("in workspaceSubscriptionIds");
        assertThat(roles.condition()).isEqualTo("assignWorkspaceRoles");
        assertThat(roles.body().expr("scope")).contains("subscription(subscriptionId)");
        assertThat(Infra.main().var("workspaceSubscriptionIds"))
                .isEqualTo("union(map(computeWorkspaceIds, id => split(id, '/')[2]), [])");
        BicepFile.Module access = Infra.main().module("app/workspace-access.bicep");
        assertThat(access.condition()).isEqualTo("assignWorkspaceRoles");
        assertThat(access.body().array("dependsOn").orElseThrow().items())
                .contains(new BicepValue.Expr("computeLifecycleRoles"));
        assertThat(access.body().expr("params.environmentName")).contains("environmentName");
    }
}
