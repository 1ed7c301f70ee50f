package io.amlcompute.provisioner.local.arm;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The VM sizes an AmlCompute may use here, with what {@code VirtualMachineSizes_List} says of each. Names compare
 * case-insensitively, as Azure compares VM sizes ({@code STANDARD_NC6} = {@code Standard_NC6}).
 *
 * <p>The known sizes' families, vCPUs, memory and GPUs are Azure's published specifications (the DSv2 rows as the
 * spec's {@code examples/VirtualMachineSize/list.json} lists them; the others from the Azure VM size pages,
 * learn.microsoft.com/azure/virtual-machines/sizes); the family names follow the vmSizes list's spelling
 * ({@code standardDSv2Family}) and name the quota rows ("Standard DSv2 Family Cluster Dedicated vCPUs").
 */
final class VmSizeCatalog {

    private static final Map<String, VmSizeSpec> KNOWN = index(List.of(
            VmSizeSpec.of("Standard_D2_v2", "standardDv2Family", 2, 7, 0),
            VmSizeSpec.of("Standard_D3_v2", "standardDv2Family", 4, 14, 0),
            VmSizeSpec.of("Standard_D4_v2", "standardDv2Family", 8, 28, 0),
            VmSizeSpec.of("Standard_D11_v2", "standardDv2Family", 2, 14, 0),
            VmSizeSpec.of("Standard_D12_v2", "standardDv2Family", 4, 28, 0),
            VmSizeSpec.of("Standard_D13_v2", "standardDv2Family", 8, 56, 0),
            VmSizeSpec.of("Standard_DS2_v2", "standardDSv2Family", 2, 7, 0),
            VmSizeSpec.of("Standard_DS3_v2", "standardDSv2Family", 4, 14, 0),
            VmSizeSpec.of("Standard_DS4_v2", "standardDSv2Family", 8, 28, 0),
            VmSizeSpec.of("Standard_DS11_v2", "standardDSv2Family", 2, 14, 0),
            VmSizeSpec.of("Standard_DS12_v2", "standardDSv2Family", 4, 28, 0),
            VmSizeSpec.of("Standard_D2s_v3", "standardDSv3Family", 2, 8, 0),
            VmSizeSpec.of("Standard_D4s_v3", "standardDSv3Family", 4, 16, 0),
            VmSizeSpec.of("Standard_D8s_v3", "standardDSv3Family", 8, 32, 0),
            VmSizeSpec.of("Standard_D16s_v3", "standardDSv3Family", 16, 64, 0),
            VmSizeSpec.of("Standard_E4s_v3", "standardESv3Family", 4, 32, 0),
            VmSizeSpec.of("Standard_E8s_v3", "standardESv3Family", 8, 64, 0),
            VmSizeSpec.of("Standard_F4s_v2", "standardFSv2Family", 4, 8, 0),
            VmSizeSpec.of("Standard_F8s_v2", "standardFSv2Family", 8, 16, 0),
            VmSizeSpec.of("Standard_NC6", "standardNCFamily", 6, 56, 1),
            VmSizeSpec.of("Standard_NC12", "standardNCFamily", 12, 112, 2),
            VmSizeSpec.of("Standard_NC24", "standardNCFamily", 24, 224, 4),
            VmSizeSpec.of("Standard_NC6s_v3", "standardNCSv3Family", 6, 112, 1),
            VmSizeSpec.of("Standard_NC24s_v3", "standardNCSv3Family", 24, 448, 4),
            VmSizeSpec.of("Standard_NC4as_T4_v3", "standardNCASv3_T4Family", 4, 28, 1),
            VmSizeSpec.of("Standard_NC8as_T4_v3", "standardNCASv3_T4Family", 8, 56, 1),
            VmSizeSpec.of("Standard_NV6", "standardNVFamily", 6, 56, 1),
            VmSizeSpec.of("Standard_ND40rs_v2", "standardNDSv2Family", 40, 672, 8)));

    /** vCPUs assumed for an allowed size the table does not know; it gets a family of its own. */
    private static final int UNKNOWN_SIZE_VCPUS = 4;

    private final Map<String, VmSizeSpec> allowed;

    private VmSizeCatalog(Map<String, VmSizeSpec> allowed) {
        this.allowed = allowed;
    }

    static VmSizeCatalog defaults() {
        return new VmSizeCatalog(KNOWN);
    }

    static VmSizeCatalog allowing(Collection<String> sizes) {
        Map<String, VmSizeSpec> allowed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String size : sizes) {
            if (size == null || size.isBlank()) {
                throw new IllegalArgumentException("a VM size must not be blank");
            }
            allowed.put(size, Optional.ofNullable(KNOWN.get(size)).orElseGet(() -> VmSizeSpec.of(size,
                    "standard" + size.replaceFirst("(?i)^standard_", "").replaceAll("[^A-Za-z0-9]", "") + "Family",
                    UNKNOWN_SIZE_VCPUS, 16, 0)));
        }
        return new VmSizeCatalog(allowed);
    }

    /** This catalog with one size changed (its compute types, its low-priority capability). */
    VmSizeCatalog with(String size, UnaryOperator<VmSizeSpec> change) {
        VmSizeSpec spec = allowed.get(size);
        if (spec == null) {
            throw new IllegalArgumentException("VM size " + size + " is not among the allowed sizes " + names());
        }
        Map<String, VmSizeSpec> changed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        changed.putAll(allowed);
        changed.put(size, change.apply(spec));
        return new VmSizeCatalog(changed);
    }

    boolean allows(String vmSize) {
        return allowed.containsKey(vmSize);
    }

    Optional<Integer> vCpus(String vmSize) {
        return spec(vmSize).map(VmSizeSpec::vCPUs);
    }

    Optional<VmSizeSpec> spec(String vmSize) {
        return vmSize == null ? Optional.empty() : Optional.ofNullable(allowed.get(vmSize));
    }

    Collection<String> names() {
        return allowed.keySet();
    }

    Collection<VmSizeSpec> specs() {
        return allowed.values();
    }

    private static Map<String, VmSizeSpec> index(List<VmSizeSpec> specs) {
        Map<String, VmSizeSpec> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        specs.forEach(spec -> map.put(spec.name(), spec));
        return java.util.Collections.unmodifiableMap(map);
    }
}
