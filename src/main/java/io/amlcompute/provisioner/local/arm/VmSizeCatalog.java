package io.amlcompute.provisioner.local.arm;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The VM sizes an AmlCompute may use here, with their vCPU counts (for the quota message). Names compare
 * case-insensitively, as Azure compares VM sizes ({@code STANDARD_NC6} = {@code Standard_NC6}).
 */
final class VmSizeCatalog {

    /** vCPUs of the sizes the emulator knows; the default allowed list. */
    private static final Map<String, Integer> KNOWN_VCPUS = Map.ofEntries(
            Map.entry("STANDARD_D2_V2", 2), Map.entry("STANDARD_D3_V2", 4), Map.entry("STANDARD_D4_V2", 8),
            Map.entry("STANDARD_D11_V2", 2), Map.entry("STANDARD_D12_V2", 4), Map.entry("STANDARD_D13_V2", 8),
            Map.entry("STANDARD_DS2_V2", 2), Map.entry("STANDARD_DS3_V2", 4), Map.entry("STANDARD_DS4_V2", 8),
            Map.entry("STANDARD_DS11_V2", 2), Map.entry("STANDARD_DS12_V2", 4),
            Map.entry("STANDARD_D2S_V3", 2), Map.entry("STANDARD_D4S_V3", 4), Map.entry("STANDARD_D8S_V3", 8),
            Map.entry("STANDARD_D16S_V3", 16), Map.entry("STANDARD_E4S_V3", 4), Map.entry("STANDARD_E8S_V3", 8),
            Map.entry("STANDARD_F4S_V2", 4), Map.entry("STANDARD_F8S_V2", 8),
            Map.entry("STANDARD_NC6", 6), Map.entry("STANDARD_NC12", 12), Map.entry("STANDARD_NC24", 24),
            Map.entry("STANDARD_NC6S_V3", 6), Map.entry("STANDARD_NC24S_V3", 24),
            Map.entry("STANDARD_NC4AS_T4_V3", 4), Map.entry("STANDARD_NC8AS_T4_V3", 8),
            Map.entry("STANDARD_NV6", 6), Map.entry("STANDARD_ND40RS_V2", 40));

    /** vCPUs assumed for an allowed size the table does not know. */
    private static final int UNKNOWN_SIZE_VCPUS = 4;

    private final Map<String, Integer> allowed;

    private VmSizeCatalog(Map<String, Integer> allowed) {
        this.allowed = allowed;
    }

    static VmSizeCatalog defaults() {
        return new VmSizeCatalog(caseInsensitive(KNOWN_VCPUS));
    }

    static VmSizeCatalog allowing(Collection<String> sizes) {
        Map<String, Integer> allowed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String size : sizes) {
            if (size == null || size.isBlank()) {
                throw new IllegalArgumentException("a VM size must not be blank");
            }
            allowed.put(size, KNOWN_VCPUS.getOrDefault(size.toUpperCase(Locale.ROOT), UNKNOWN_SIZE_VCPUS));
        }
        return new VmSizeCatalog(allowed);
    }

    private static Map<String, Integer> caseInsensitive(Map<String, Integer> sizes) {
        Map<String, Integer> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(sizes);
        return map;
    }

    boolean allows(String vmSize) {
        return allowed.containsKey(vmSize);
    }

    Optional<Integer> vCpus(String vmSize) {
        return Optional.ofNullable(allowed.get(vmSize));
    }

    Collection<String> names() {
        return allowed.keySet();
    }
}
