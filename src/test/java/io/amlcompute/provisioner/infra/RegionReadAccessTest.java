package io.amlcompute.provisioner.infra;

import io.amlcompute.provisioner.provisioning.preflight.Preflight;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The region pre-flight reads {@code locations/{region}/vmSizes}, {@code /usages} and {@code /quotas} of each
 * subscription that holds a target workspace. The app identity gets exactly the three read actions there (a custom
 * role: no built-in role holds them without much more), at the subscription (the reads are not under a workspace),
 * and the role's name is the one the pre-flight's forbidden error tells people to grant.
 */
class RegionReadAccessTest {

    static final String REGION_READ_ROLE = RoleAssignment.CUSTOM
            + "guid(subscription().id, 'aml-compute-provisioner-region-read', environmentName)";

    private static BicepFile access() {
        return Infra.moduleOfMain("app/region-read-access.bicep");
    }

    @Test
    void theRoleHoldsTheThreeReadsThePreflightMakesAndNothingElse() {
        BicepFile.Resource role = access().resourcesOfType("Microsoft.Authorization/roleDefinitions").get(0);
        BicepValue.Obj permissions = (BicepValue.Obj) role.body().array("properties.permissions").orElseThrow()
                .items().get(0);

        assertThat(permissions.array("actions").orElseThrow().items()).containsExactlyInAnyOrderElementsOf(
                Preflight.READ_ACTIONS.stream().map(a -> (BicepValue) new BicepValue.Expr("'" + a + "'")).toList());
        for (String none : List.of("notActions", "dataActions", "notDataActions")) {
            assertThat(permissions.array(none).orElseThrow().items()).as(none).isEmpty();
        }
        assertThat(role.body().array("properties.assignableScopes").orElseThrow().items())
                .containsExactly(new BicepValue.Expr("subscription().id"));
        // An interpolated string: the name, then the environment and subscription in brackets.
        assertThat(role.body().expr("properties.roleName")).hasValueSatisfying(name ->
                assertThat(name).startsWith("'" + Preflight.ROLE_NAME + " ("));
    }

    @Test
    void theAppIdentityGetsTheRoleOnTheSubscriptionItself() {
        List<RoleAssignment> assignments = RoleAssignment.in(List.of(access()));

        assertThat(access().targetScope()).isEqualTo("subscription");
        assertThat(assignments).singleElement().satisfies(a -> {
            assertThat(a.roleId()).isEqualTo(REGION_READ_ROLE);
            assertThat(a.principal()).isEqualTo("appPrincipalId");
            assertThat(a.scope().type()).isEqualTo(RoleAssignment.SUBSCRIPTION);
            assertThat(a.condition()).isNull();
        });
        assertThat(access().resourcesOfType(RoleAssignment.TYPE).get(0).body().array("dependsOn").orElseThrow()
                .items()).contains(new BicepValue.Expr("regionRead"));
    }

    @Test
    void everySubscriptionThatHoldsATargetWorkspaceGetsItOnce() {
        BicepFile.Module module = Infra.main().module("app/region-read-access.bicep");
        assertThat(module.loop()).endsWith("in workspaceSubscriptionIds");
        assertThat(module.condition()).isEqualTo("assignWorkspaceRoles");
        assertThat(module.body().expr("scope")).contains("subscription(subscriptionId)");
        assertThat(module.body().expr("params.appPrincipalId")).contains("identity.outputs.principalId");
        assertThat(Infra.main().var("workspaceSubscriptionIds"))
                .isEqualTo("union(map(computeWorkspaceIds, id => split(id, '/')[2]), [])");
    }
}
