package io.amlcompute.provisioner.local.arm;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The published stable api-versions of Microsoft.MachineLearningServices that serve {@code workspaces/computes},
 * oldest first. The list is the stable folders of Azure/azure-rest-api-specs
 * ({@code specification/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/[MachineLearningServices/]stable/*}),
 * as generated into Azure/bicep-types-az ({@code generated/machinelearningservices/microsoft.machinelearningservices/*},
 * commit 1f896de2, from specs b7170cade0), plus 2026-07-01, the readme's default tag (specs commit 20273ef8).
 * Preview versions are not served. How each version's compute contract differs is {@link ContractFeature}; the
 * evidence is in docs/local/arm-emulator.md.
 */
public enum ComputeApiVersion {
    V2018_11_19("2018-11-19"),
    V2019_05_01("2019-05-01"),
    V2019_06_01("2019-06-01"),
    V2019_11_01("2019-11-01"),
    V2020_01_01("2020-01-01"),
    V2020_03_01("2020-03-01"),
    V2020_04_01("2020-04-01"),
    V2020_06_01("2020-06-01"),
    V2020_08_01("2020-08-01"),
    V2021_01_01("2021-01-01"),
    V2021_04_01("2021-04-01"),
    V2021_07_01("2021-07-01"),
    V2022_05_01("2022-05-01"),
    V2022_10_01("2022-10-01"),
    V2023_04_01("2023-04-01"),
    V2023_10_01("2023-10-01"),
    V2024_04_01("2024-04-01"),
    V2024_10_01("2024-10-01"),
    V2025_04_01("2025-04-01"),
    V2025_06_01("2025-06-01"),
    V2025_09_01("2025-09-01"),
    V2025_12_01("2025-12-01"),
    V2026_03_01("2026-03-01"),
    V2026_05_01("2026-05-01"),
    V2026_07_01("2026-07-01");

    private final String wireName;

    ComputeApiVersion(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code api-version} query parameter. */
    public String wireName() {
        return wireName;
    }

    /** Whether this version is {@code other} or newer. */
    boolean atLeast(ComputeApiVersion other) {
        return compareTo(other) >= 0;
    }

    /** The version for a query value; exact match, as ARM compares api-versions. */
    public static Optional<ComputeApiVersion> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(v -> v.wireName.equals(wireName)).findFirst();
    }

    /** Every published stable version, oldest first. */
    public static List<ComputeApiVersion> published() {
        return List.of(values());
    }
}
