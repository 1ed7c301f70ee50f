package io.amlcompute.provisioner.local.arm;

import java.util.Arrays;

/**
 * Where a request path points. Fixed segments compare case-insensitively, as ARM's do
 * ({@code resourcegroups} = {@code resourceGroups}).
 */
sealed interface ArmRoute {

    String PROVIDER = "Microsoft.MachineLearningServices";

    /**
     * The provider's resource type the path addresses, as ARM names it in its errors (e.g. {@code workspaces/computes}
     * in NoRegisteredProviderFound); the api-versions are registered per type.
     */
    String resourceType();

    String COMPUTES = "workspaces/computes";

    /**
     * {@code P = /subscriptions/{s}/resourceGroups/{rg}/providers/<provider>/workspaces/{ws}} itself: Workspaces_Get,
     * which clients call to learn the workspace's region.
     */
    record WorkspaceResource(String subscriptionId, String resourceGroup, String workspace) implements ArmRoute {
        @Override
        public String resourceType() {
            return "workspaces";
        }
    }

    /** {@code P/computes}, with {@code P = /subscriptions/{s}/resourceGroups/{rg}/providers/<provider>/workspaces/{ws}}. */
    record ComputeCollection(String subscriptionId, String resourceGroup, String workspace) implements ArmRoute {
        @Override
        public String resourceType() {
            return COMPUTES;
        }
    }

    /** {@code P/computes/{name}}. */
    record Compute(String subscriptionId, String resourceGroup, String workspace, String name) implements ArmRoute {
        @Override
        public String resourceType() {
            return COMPUTES;
        }
    }

    /** {@code P/computes/{name}/{action}}: listKeys, listNodes, start, stop, restart (not emulated). */
    record ComputeAction(String subscriptionId, String resourceGroup, String workspace, String name, String action)
            implements ArmRoute {
        @Override
        public String resourceType() {
            return COMPUTES;
        }
    }

    /** {@code /subscriptions/{s}/providers/<provider>/locations/{loc}/operationStatuses/{id}}. */
    record OperationStatus(String subscriptionId, String location, String operationId) implements ArmRoute {
        @Override
        public String resourceType() {
            return "locations/operationStatuses";
        }
    }

    /** {@code /subscriptions/{s}/providers/<provider>/locations/{loc}/operationResults/{id}}. */
    record OperationResult(String subscriptionId, String location, String operationId) implements ArmRoute {
        @Override
        public String resourceType() {
            return "locations/operationResults";
        }
    }

    record Unmatched() implements ArmRoute {
        @Override
        public String resourceType() {
            return "";
        }
    }

    static ArmRoute parse(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String[] s = trimmed.startsWith("/") ? trimmed.substring(1).split("/", -1) : new String[0];
        if (Arrays.stream(s).anyMatch(String::isEmpty)) {
            return new Unmatched();
        }
        if (s.length == 8 && is(s[0], "subscriptions") && is(s[2], "resourceGroups") && is(s[4], "providers")
                && is(s[5], PROVIDER) && is(s[6], "workspaces")) {
            return new WorkspaceResource(s[1], s[3], s[7]);
        }
        if (s.length >= 9 && is(s[0], "subscriptions") && is(s[2], "resourceGroups") && is(s[4], "providers")
                && is(s[5], PROVIDER) && is(s[6], "workspaces") && is(s[8], "computes")) {
            return switch (s.length) {
                case 9 -> new ComputeCollection(s[1], s[3], s[7]);
                case 10 -> new Compute(s[1], s[3], s[7], s[9]);
                case 11 -> new ComputeAction(s[1], s[3], s[7], s[9], s[10]);
                default -> new Unmatched();
            };
        }
        if (s.length == 8 && is(s[0], "subscriptions") && is(s[2], "providers") && is(s[3], PROVIDER)
                && is(s[4], "locations")) {
            if (is(s[6], "operationStatuses")) {
                return new OperationStatus(s[1], s[5], s[7]);
            }
            if (is(s[6], "operationResults")) {
                return new OperationResult(s[1], s[5], s[7]);
            }
        }
        return new Unmatched();
    }

    private static boolean is(String segment, String expected) {
        return segment.equalsIgnoreCase(expected);
    }
}
