package io.amlcompute.provisioner.local.arm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The version ranges of the contract's differences, at their edges (docs/local/arm-emulator.md, the table). */
class ContractFeatureTest {

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
            "AML_REMOTE_LOGIN_PORT_PUBLIC_ACCESS, 2019-05-01, false",
            "AML_REMOTE_LOGIN_PORT_PUBLIC_ACCESS, 2019-06-01, true",
            "COMPUTE_SKU,                         2019-06-01, false",
            "COMPUTE_SKU,                         2019-11-01, true",
            "USER_ASSIGNED_IDENTITY,              2020-01-01, false",
            "USER_ASSIGNED_IDENTITY,              2020-03-01, true",
            "IDENTITY_TYPE_REQUIRED,              2020-03-01, false",
            "IDENTITY_TYPE_REQUIRED,              2020-04-01, true",
            "IDENTITY_TYPE_REQUIRED,              2020-08-01, true",
            "IDENTITY_TYPE_REQUIRED,              2021-01-01, false",
            "IDENTITY_TYPE_REQUIRED,              2021-07-01, false",
            "IDENTITY_TYPE_REQUIRED,              2022-05-01, true",
            "USER_ASSIGNED_IDENTITY_TENANT_ID,    2020-03-01, true",
            "USER_ASSIGNED_IDENTITY_TENANT_ID,    2020-04-01, false",
            "USER_ASSIGNED_IDENTITY_TENANT_ID,    2021-01-01, true",
            "USER_ASSIGNED_IDENTITY_TENANT_ID,    2022-05-01, false",
            "CREATED_AND_MODIFIED_ON,             2018-11-19, true",
            "CREATED_AND_MODIFIED_ON,             2020-08-01, true",
            "CREATED_AND_MODIFIED_ON,             2021-01-01, false",
            "CREATED_AND_MODIFIED_ON,             2021-04-01, true",
            "SYSTEM_DATA,                         2020-08-01, false",
            "SYSTEM_DATA,                         2021-01-01, true",
            "KUBERNETES_TYPE,                     2021-04-01, false",
            "KUBERNETES_TYPE,                     2021-07-01, true",
            "PATCH_NESTED_PROPERTIES,             2021-04-01, false",
            "PATCH_NESTED_PROPERTIES,             2021-07-01, true",
            "SKU_WITH_CAPACITY,                   2021-07-01, false",
            "SKU_WITH_CAPACITY,                   2022-05-01, true",
            "AML_PROPERTY_BAG,                    2026-07-01, true",
            "COMPUTE_INSTANCE_EMULATED,           2025-09-01, false",
            "COMPUTE_INSTANCE_EMULATED,           2025-12-01, true",
            "COMPUTE_INSTANCE_EMULATED,           2026-03-01, false",
            "COMPUTE_INSTANCE_EMULATED,           2026-05-01, false",
            "COMPUTE_INSTANCE_EMULATED,           2026-07-01, true",
            "INSTANCE_SSO_AND_IDLE_SHUTDOWN,      2025-12-01, false",
            "INSTANCE_SSO_AND_IDLE_SHUTDOWN,      2026-07-01, true",
    })
    void isPresentInTheVersionsTheSpecsSay(ContractFeature feature, String version, boolean present) {
        assertThat(feature.in(ComputeApiVersion.fromWireName(version).orElseThrow())).isEqualTo(present);
    }

    @Test
    void nothingTheEmulatorChecksChangesFrom20220501OnButComputeInstance() {
        for (ComputeApiVersion version : ComputeApiVersion.values()) {
            if (version.atLeast(ComputeApiVersion.V2022_05_01)) {
                assertThat(withoutInstance(ComputeContract.of(version).computeResource()))
                        .isEqualTo(withoutInstance(ComputeContract.of(ComputeApiVersion.V2025_12_01).computeResource()));
                assertThat(ComputeContract.of(version).patchBody())
                        .isEqualTo(ComputeContract.of(ComputeApiVersion.V2025_12_01).patchBody());
            }
        }
    }

    @Test
    void computeInstanceGainsSingleSignOnAndIdleShutdownIn20260701() {
        Shape.Obj older = ComputeTypeShapes.forVersion(ComputeApiVersion.V2025_12_01).get(ArmComputeType.COMPUTE_INSTANCE);
        Shape.Obj newer = ComputeTypeShapes.forVersion(ComputeApiVersion.V2026_07_01).get(ArmComputeType.COMPUTE_INSTANCE);

        assertThat(older.fields()).extracting(Shape.Field::name).doesNotContain("enableSSO", "idleTimeBeforeShutdown");
        assertThat(newer.fields()).extracting(Shape.Field::name).contains("enableSSO", "idleTimeBeforeShutdown")
                .containsAll(older.fields().stream().map(Shape.Field::name).toList());
        assertThat(ComputeContract.of(ComputeApiVersion.V2026_03_01).emulates(ArmComputeType.COMPUTE_INSTANCE)).isFalse();
    }

    /** The resource shape with the union's ComputeInstance subtype left out. */
    private static Shape.Obj withoutInstance(Shape.Obj resource) {
        java.util.List<Shape.Field> fields = resource.fields().stream().map(field -> {
            if (field.shape() instanceof Shape.Discriminated union) {
                java.util.Map<String, Shape.Obj> subtypes = new java.util.HashMap<>(union.subtypes());
                subtypes.remove(ArmComputeType.COMPUTE_INSTANCE.wireName());
                return new Shape.Field(field.name(), new Shape.Discriminated(union.discriminator(), union.knownValues(),
                        union.base(), subtypes), field.presence(), field.secret());
            }
            return field;
        }).toList();
        return new Shape.Obj(resource.schemaName(), fields, resource.unknownPropertyHint());
    }
}
