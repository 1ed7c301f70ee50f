package io.amlcompute.provisioner.local.arm;

import java.util.Arrays;
import java.util.Optional;

/**
 * A read of a region's lists: {@code /subscriptions/{s}/providers/Microsoft.MachineLearningServices/locations/
 * {location}/vmSizes}, {@code /usages} or {@code /quotas} (VirtualMachineSizes_List, Usages_List, Quotas_List,
 * 2025-12-01). Fixed segments compare without case, as ARM's do.
 */
record RegionRoute(String subscriptionId, String location, List list) {

    /** The three lists, with the resource type ARM names them by and the action their read needs. */
    enum List {
        VM_SIZES("vmSizes", "Microsoft.MachineLearningServices/locations/vmsizes/read"),
        USAGES("usages", "Microsoft.MachineLearningServices/locations/usages/read"),
        QUOTAS("quotas", "Microsoft.MachineLearningServices/locations/quotas/read");

        private final String segment;
        private final String action;

        List(String segment, String action) {
            this.segment = segment;
            this.action = action;
        }

        /** Azure permissions for AI + machine learning, Microsoft.MachineLearningServices. */
        String action() {
            return action;
        }

        String resourceType() {
            return "locations/" + segment;
        }
    }

    static Optional<RegionRoute> parse(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String[] s = trimmed.startsWith("/") ? trimmed.substring(1).split("/", -1) : new String[0];
        if (s.length != 7 || Arrays.stream(s).anyMatch(String::isEmpty) || !is(s[0], "subscriptions")
                || !is(s[2], "providers") || !is(s[3], ArmRoute.PROVIDER) || !is(s[4], "locations")) {
            return Optional.empty();
        }
        return Arrays.stream(List.values()).filter(list -> is(s[6], list.segment)).findFirst()
                .map(list -> new RegionRoute(s[1], s[5], list));
    }

    /** {@code /subscriptions/{s}/providers/Microsoft.MachineLearningServices/locations/{location}}. */
    String locationScope() {
        return "/subscriptions/" + subscriptionId + "/providers/" + ArmRoute.PROVIDER + "/locations/" + location;
    }

    private static boolean is(String segment, String expected) {
        return segment.equalsIgnoreCase(expected);
    }
}
