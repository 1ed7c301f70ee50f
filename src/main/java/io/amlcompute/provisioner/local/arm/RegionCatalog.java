package io.amlcompute.provisioner.local.arm;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every region's seed, by name. Any region name is a region here: one that was not seeded has the defaults
 * ({@link RegionQuotas#defaults}), so a cluster may be put in any {@code computeLocation}, as before regions were
 * seeded. Region names compare without case and spaces ("West Europe" is westeurope).
 */
final class RegionCatalog {

    private final Map<String, RegionQuotas> regions = new HashMap<>();

    RegionCatalog(List<RegionQuotas> seeded) {
        seeded.forEach(region -> regions.put(normalized(region.name()), region));
    }

    RegionQuotas region(String name) {
        return regions.getOrDefault(normalized(name), RegionQuotas.defaults(normalized(name)));
    }

    static String normalized(String region) {
        return region.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
