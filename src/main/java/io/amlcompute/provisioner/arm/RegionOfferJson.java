package io.amlcompute.provisioner.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.provisioning.preflight.QuotaRow;
import io.amlcompute.provisioner.provisioning.preflight.UsageRow;
import io.amlcompute.provisioner.provisioning.preflight.VmSizeOffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the region lists of the 2025-12-01 contract: {@code VirtualMachineSizeListResult} ({@code value}, not
 * pageable), {@code ListUsagesResult} and {@code ListWorkspaceQuotas} ({@code value} and {@code nextLink}). Every
 * field is read-only and optional in the contract, so a missing one is tolerated: a size without {@code vCPUs}
 * counts 0, a usage without {@code limit} counts as unlimited (-1), a row without a name is skipped.
 */
final class RegionOfferJson {

    private RegionOfferJson() {
    }

    static List<VmSizeOffer> vmSizes(JsonNode page) {
        List<VmSizeOffer> sizes = new ArrayList<>();
        for (JsonNode item : page.path("value")) {
            String name = text(item, "name");
            if (name == null) {
                continue;
            }
            List<String> types = null;
            if (item.path("supportedComputeTypes").isArray()) {
                types = new ArrayList<>();
                for (JsonNode type : item.path("supportedComputeTypes")) {
                    if (type.isTextual()) {
                        types.add(type.textValue());
                    }
                }
            }
            sizes.add(new VmSizeOffer(name, text(item, "family"), item.path("vCPUs").asInt(0),
                    item.path("gpus").asInt(0), item.path("memoryGB").asDouble(0),
                    item.path("lowPriorityCapable").asBoolean(false), types));
        }
        return sizes;
    }

    static List<UsageRow> usages(JsonNode page) {
        List<UsageRow> rows = new ArrayList<>();
        for (JsonNode item : page.path("value")) {
            String name = text(item.path("name"), "value");
            if (name != null) {
                rows.add(new UsageRow(text(item, "id"), text(item, "type"), name, item.path("currentValue").asLong(0),
                        item.path("limit").asLong(-1)));
            }
        }
        return rows;
    }

    static List<QuotaRow> quotas(JsonNode page) {
        List<QuotaRow> rows = new ArrayList<>();
        for (JsonNode item : page.path("value")) {
            String name = text(item.path("name"), "value");
            if (name != null) {
                rows.add(new QuotaRow(text(item, "id"), text(item, "type"), name, item.path("limit").asLong(-1)));
            }
        }
        return rows;
    }

    /** The page's {@code nextLink}, or null on the last page. */
    static String nextLink(JsonNode page) {
        String next = text(page, "nextLink");
        return next == null || next.isBlank() ? null : next;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
