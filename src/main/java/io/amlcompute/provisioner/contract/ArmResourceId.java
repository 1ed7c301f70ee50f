package io.amlcompute.provisioner.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed ARM resource id, {@code /subscriptions/{sub}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}
 * [/{childType}/{childName}...]}. Used to check that an attach target is the kind of resource the compute type
 * needs before anything is sent to ARM.
 */
public record ArmResourceId(String subscriptionId, String resourceGroup, String providerNamespace,
                            List<String> types, List<String> names) {

    private static final Pattern SEGMENT = Pattern.compile("^[A-Za-z0-9][-\\w.()]{0,259}$");

    public ArmResourceId {
        types = List.copyOf(types);
        names = List.copyOf(names);
    }

    /** Parses an id; empty when it is not a well-formed resource id of a resource group. */
    public static Optional<ArmResourceId> parse(String text) {
        if (text == null || !text.startsWith("/") || text.endsWith("/") || text.length() > 2048) {
            return Optional.empty();
        }
        String[] s = text.substring(1).split("/", -1);
        if (s.length < 8 || s.length % 2 != 0
                || !s[0].equalsIgnoreCase("subscriptions") || !ArmNames.isSubscriptionId(s[1])
                || !s[2].equalsIgnoreCase("resourceGroups") || !ArmNames.isResourceGroup(s[3])
                || !s[4].equalsIgnoreCase("providers") || !SEGMENT.matcher(s[5]).matches()) {
            return Optional.empty();
        }
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 6; i < s.length; i += 2) {
            if (!SEGMENT.matcher(s[i]).matches() || !SEGMENT.matcher(s[i + 1]).matches()) {
                return Optional.empty();
            }
            types.add(s[i]);
            names.add(s[i + 1]);
        }
        return Optional.of(new ArmResourceId(s[1], s[3], s[5], types, names));
    }

    /** The full type, e.g. {@code Microsoft.Synapse/workspaces/bigDataPools}. */
    public String fullType() {
        return providerNamespace + "/" + String.join("/", types);
    }

    /** ARM resource types compare case-insensitively. */
    public boolean isOfType(String fullType) {
        return fullType().toLowerCase(Locale.ROOT).equals(fullType.toLowerCase(Locale.ROOT));
    }

    /** The last name segment, i.e. the resource's own name. */
    public String name() {
        return names.get(names.size() - 1);
    }
}
