package io.amlcompute.provisioner.infra;

import io.amlcompute.provisioner.config.Setting;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests may put a cluster into a subnet (compute.subnet). One parameter, {@code allowedSubnetIds}, makes both
 * the allow-list the function checks ({@code POLICY_ALLOWED_SUBNETS}) and the rights ARM checks: the join action on
 * each subnet and reads on its network (Azure ML: "virtualNetworks/*&#47;read on the virtual network",
 * "subnets/join/action on the subnet"), with no more than that.
 */
class SubnetAccessTest {

    /** How {@link RoleAssignment} names the custom join role (its id is computed at deploy time). */
    static final String JOIN_ROLE = RoleAssignment.CUSTOM
            + "guid(subscription().id, 'aml-compute-provisioner-subnet-join', environmentName)";

    private static BicepFile access() {
        return Infra.moduleOfMain("app/subnet-access.bicep");
    }

    private static BicepFile joinRole() {
        return Infra.moduleOfMain("app/subnet-join-role.bicep");
    }

    @Test
    void oneParameterFeedsTheAllowListSettingAndTheRoleAssignments() {
        BicepFile main = Infra.main();
        assertThat(BicepText.unquote(main.param("allowedSubnetIds").defaultValue())).isEqualTo("[]");
        assertThat(main.objectVar("appSettings").expr(Setting.POLICY_ALLOWED_SUBNETS.key()))
                .contains("join(allowedSubnetIds, ',')");
        BicepFile.Module module = main.module("app/subnet-access.bicep");
        assertThat(module.loop()).endsWith("in allowedSubnetIds");
        assertThat(module.body().expr("scope")).contains("resourceGroup(split(subnetId, '/')[2], split(subnetId, '/')[4])");
        assertThat(module.body().expr("params.appPrincipalId")).contains("identity.outputs.principalId");
        assertThat(Infra.text("infra/main.parameters.json")).contains("${ALLOWED_SUBNET_IDS=[]}");
    }

    @Test
    void theJoinRoleHoldsTheJoinActionAndNothingElse() {
        BicepFile.Resource role = joinRole().resourcesOfType("Microsoft.Authorization/roleDefinitions").get(0);
        BicepValue.Obj permissions = (BicepValue.Obj) role.body().array("properties.permissions").orElseThrow()
                .items().get(0);

        assertThat(permissions.array("actions").orElseThrow().items())
                .containsExactly(new BicepValue.Expr("'Microsoft.Network/virtualNetworks/subnets/join/action'"));
        for (String none : List.of("notActions", "dataActions", "notDataActions")) {
            assertThat(permissions.array(none).orElseThrow().items()).as(none).isEmpty();
        }
        assertThat(role.body().array("properties.assignableScopes").orElseThrow().items())
                .containsExactly(new BicepValue.Expr("subscription().id"));
        assertThat(role.body().text("properties.type")).contains("CustomRole");
    }

    @Test
    void theJoinRoleIsMadeOnceInEverySubscriptionThatHoldsAnAllowedSubnet() {
        BicepFile.Module module = Infra.main().module("app/subnet-join-role.bicep");
        assertThat(module.loop()).endsWith("in subnetSubscriptionIds");
        assertThat(module.body().expr("scope")).contains("subscription(subscriptionId)");
        assertThat(Infra.main().var("subnetSubscriptionIds"))
                .isEqualTo("union(map(allowedSubnetIds, id => split(id, '/')[2]), [])");
        assertThat(Infra.main().module("app/subnet-access.bicep").body().array("dependsOn").orElseThrow().items())
                .contains(new BicepValue.Expr("subnetJoinRoles"));
    }

    @Test
    void theAssignmentNamesTheRoleTheRoleModuleMakes() {
        assertThat(access().var("subnetJoinRoleName")).isEqualTo(joinRole().var("subnetJoinRoleName"));
        assertThat(joinRole().resourcesOfType("Microsoft.Authorization/roleDefinitions").get(0).expr("name"))
                .contains("subnetJoinRoleName");
    }

    @Test
    void theAppMayJoinTheSubnetItselfAndOnlyReadItsNetwork() {
        List<RoleAssignment> assignments = RoleAssignment.in(List.of(access()));

        assertThat(assignments).hasSize(2).allSatisfy(a -> {
            assertThat(a.principal()).isEqualTo("appPrincipalId");
            assertThat(a.condition()).isNull();
        });
        assertThat(assignments).anySatisfy(a -> {
            assertThat(a.roleId()).isEqualTo(JOIN_ROLE);
            assertThat(a.scope().type()).as("the subnet, not the whole network").isEqualTo(
                    "Microsoft.Network/virtualNetworks/subnets");
        });
        assertThat(assignments).anySatisfy(a -> {
            assertThat(a.isRole(BuiltInRole.READER)).isTrue();
            assertThat(a.scope().type()).isEqualTo("Microsoft.Network/virtualNetworks");
        });
    }
}
