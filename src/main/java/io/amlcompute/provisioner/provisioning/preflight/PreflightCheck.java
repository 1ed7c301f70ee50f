package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.CoreQuota;
import io.amlcompute.provisioner.contract.VmPriority;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The checks of one need against what a region offers, in order; pure. The VM size first: offered in the region, for
 * the compute type, for the priority (each with the three closest sizes that are). Then the quotas the nodes count
 * against ({@link QuotaRows}): the vCPUs needed now must be left in each, or the request is refused; the vCPUs at
 * {@code maxNodes} should be, or the request goes ahead with a warning. Quota is consumed when nodes are allocated,
 * not when a cluster is created (CONTRACT-NOTES section 7): this is what a {@code minNodes: 0} cluster created in a
 * region without quota runs into later, as a resize that never finishes.
 */
final class PreflightCheck {

    private PreflightCheck() {
    }

    static List<Finding> of(CapacityNeed need, String region, RegionOffer offer) {
        Optional<VmSizeOffer> size = offer.vmSize(need.vmSize());
        Optional<Finding> sizeFinding = checkSize(need, region, offer, size);
        if (sizeFinding.isPresent()) {
            // Quotas of a size that cannot be used say nothing useful.
            return List.of(sizeFinding.get());
        }
        return checkQuotas(need, region, offer, size.orElseThrow());
    }

    private static Optional<Finding> checkSize(CapacityNeed need, String region, RegionOffer offer,
                                               Optional<VmSizeOffer> size) {
        boolean lowPriority = need.priority() == VmPriority.LOW_PRIORITY;
        Predicate<VmSizeOffer> usable = s -> s.supports(need.computeType()) && (!lowPriority || s.lowPriorityCapable());
        String forWhat = need.computeType() + (lowPriority ? " LowPriority nodes" : "");
        if (size.isEmpty()) {
            List<VmSizeOffer> closest = ClosestSizes.to(need.vmSize(), size, offer.vmSizes(), usable);
            String sentence = offer.vmSizes().isEmpty()
                    ? "Azure ML offers no VM sizes in region " + region + " to subscription " + offer.subscriptionId()
                    + ". Check the region name, or choose another region" + locationHint(need) + "."
                    : "VM size " + need.vmSize() + " is not offered by Azure ML in region " + region + "."
                    + suggestion(closest, forWhat) + choose(need, " Choose one of them, or another region"
                    + locationHint(need) + ".");
            return Optional.of(sizeFinding(PreflightCode.PREFLIGHT_VM_SIZE_NOT_OFFERED, need.paths().vmSize(),
                    sentence, closest));
        }
        VmSizeOffer offered = size.get();
        if (!offered.supports(need.computeType())) {
            List<VmSizeOffer> closest = ClosestSizes.to(need.vmSize(), size, offer.vmSizes(), usable);
            return Optional.of(sizeFinding(PreflightCode.PREFLIGHT_VM_SIZE_NOT_FOR_COMPUTE_TYPE, need.paths().vmSize(),
                    "VM size " + offered.name() + " is offered in region " + region + ", but not for "
                            + need.computeType() + " (only for " + String.join(", ", offered.supportedComputeTypes())
                            + ")." + suggestion(closest, forWhat) + choose(need, " Choose one of them."), closest));
        }
        if (lowPriority && !offered.lowPriorityCapable()) {
            List<VmSizeOffer> closest = ClosestSizes.to(need.vmSize(), size, offer.vmSizes(), usable);
            return Optional.of(sizeFinding(PreflightCode.PREFLIGHT_LOW_PRIORITY_NOT_OFFERED, need.paths().priority(),
                    "VM size " + offered.name() + " cannot run LowPriority nodes in region " + region
                            + " (lowPriorityCapable is false). Use vmPriority Dedicated, or a size that can."
                            + suggestion(closest, forWhat), closest));
        }
        return Optional.empty();
    }

    private static List<Finding> checkQuotas(CapacityNeed need, String region, RegionOffer offer, VmSizeOffer size) {
        List<Finding> findings = new ArrayList<>();
        int vCpus = Math.max(0, size.vCPUs());
        long neededNow = (long) Math.max(0, need.nodesNow() - need.nodesHeld()) * vCpus;
        long neededAtMax = (long) Math.max(0, need.nodesAtMax() - need.nodesHeld()) * vCpus;
        for (QuotaLine line : QuotaRows.applicable(offer, size.family(), need.priority(), need.workspace())) {
            if (neededNow > line.available()) {
                findings.add(refusal(need, region, size, line, neededNow));
            } else if (neededAtMax > line.available()) {
                findings.add(warningAtMax(need, region, size, line, neededAtMax));
            }
        }
        return findings;
    }

    private static Finding refusal(CapacityNeed need, String region, VmSizeOffer size, QuotaLine line, long needed) {
        PreflightCode code = switch (line.scope()) {
            case "family" -> PreflightCode.PREFLIGHT_FAMILY_QUOTA_EXCEEDED;
            case "workspace" -> PreflightCode.PREFLIGHT_WORKSPACE_QUOTA_EXCEEDED;
            default -> PreflightCode.PREFLIGHT_REGIONAL_QUOTA_EXCEEDED;
        };
        String left = " but only " + line.available() + " of the " + line.limit() + " vCPUs of \"" + line.name()
                + "\" are left in region " + region + " (" + line.used() + " in use). ";
        String sentence;
        if (need.isInstance()) {
            // One node, nothing to lower: what frees vCPUs is another size, or stopping what holds them.
            sentence = "Compute instance " + need.computeName() + " needs " + needed + " vCPUs of " + size.name()
                    + " to run," + left + remedy(line, instanceRemedy(need, line));
        } else {
            String field = need.paths().nodesNow().substring(2);
            sentence = "Compute " + need.computeName() + " needs " + needed + " vCPUs now (" + nodes(need.nodesNow())
                    + " of " + size.name() + " at " + size.vCPUs() + " vCPUs each, for " + field + held(need) + ")"
                    + left + remedy(line, "Lower " + field + ", choose a VM size of another family,");
        }
        return new Finding(code, true, new ComputeStatus.ErrorInfo(code.name(), sentence, need.paths().nodesNow(),
                numbers(line, region, needed, need.nodesNow(), size), null));
    }

    /**
     * What frees vCPUs for an instance: another size (when the request chooses it: a start keeps the instance's),
     * of another family unless the regional total is short, or stopping what holds them.
     */
    private static String instanceRemedy(CapacityNeed need, QuotaLine line) {
        String size = !need.sizeChosenByRequest() ? "" : "region".equals(line.scope())
                ? "Choose a smaller VM size, " : "Choose a VM size of another family, ";
        String free = "stop another instance or scale a cluster down,";
        return size.isEmpty() ? Character.toUpperCase(free.charAt(0)) + free.substring(1) : size + free;
    }

    private static Finding warningAtMax(CapacityNeed need, String region, VmSizeOffer size, QuotaLine line,
                                        long needed) {
        PreflightCode code = PreflightCode.PREFLIGHT_MAX_NODES_EXCEED_QUOTA;
        long reachable = need.nodesHeld() + (size.vCPUs() == 0 ? 0 : line.available() / size.vCPUs());
        String sentence = "At maxNodes (" + need.nodesAtMax() + ") compute " + need.computeName() + " would need "
                + needed + " more vCPUs of " + size.name() + held(need) + ", but only " + line.available() + " of the "
                + line.limit() + " vCPUs of \"" + line.name() + "\" are left in region " + region + " (" + line.used()
                + " in use): until more is free it can grow to " + nodes(reachable) + ". "
                + remedy(line, "Lower compute.maxNodes,");
        return new Finding(code, false, new ComputeStatus.ErrorInfo(code.name(), sentence,
                need.paths().nodesAtMax(), numbers(line, region, needed, need.nodesAtMax(), size), null));
    }

    private static String remedy(QuotaLine line, String lower) {
        return switch (line.scope()) {
            case "workspace" -> lower + " or raise the workspace's quota for the family (the workspace's Usages +"
                    + " quotas, Configure quotas).";
            case "region" -> lower + " or request a higher regional total (Azure portal: Quotas, Machine Learning).";
            default -> lower + " or request more quota for the family (Azure portal: Quotas, Machine Learning).";
        };
    }

    private static CoreQuota numbers(QuotaLine line, String region, long needed, int nodes, VmSizeOffer size) {
        return new CoreQuota(line.name(), line.scope(), region, line.limit(), line.used(), line.available(), needed,
                nodes, size.vCPUs());
    }

    private static Finding sizeFinding(PreflightCode code, String path, String sentence, List<VmSizeOffer> closest) {
        return new Finding(code, true, new ComputeStatus.ErrorInfo(code.name(), sentence, path, null,
                closest.stream().map(VmSizeOffer::name).toList()));
    }

    private static String suggestion(List<VmSizeOffer> closest, String forWhat) {
        if (closest.isEmpty()) {
            return " The region offers no size for " + forWhat + ".";
        }
        List<String> described = closest.stream().map(s -> s.name() + " (" + s.vCPUs() + " vCPUs, "
                + String.format(Locale.ROOT, "%.0f", s.memoryGB()) + " GB" + (s.gpus() > 0 ? ", " + s.gpus()
                + " GPU" + (s.gpus() > 1 ? "s" : "") : "") + ")").toList();
        return " Closest offered for " + forWhat + ": " + String.join(", ", described) + ".";
    }

    /** What to do about the size: a start cannot change it (an instance keeps its size), a create can. */
    private static String choose(CapacityNeed need, String whenTheRequestChooses) {
        return need.sizeChosenByRequest() ? whenTheRequestChooses
                : " A compute instance keeps its VM size: delete it and ensure it again with another size.";
    }

    private static String locationHint(CapacityNeed need) {
        if (need.isInstance()) {
            return " (a workspace there: an instance lives in its workspace's region)";
        }
        return need.region() == null ? " (compute.location)" : " in compute.location";
    }

    private static String held(CapacityNeed need) {
        return need.nodesHeld() == 0 ? "" : ", beyond the " + nodes(need.nodesHeld()) + " it holds";
    }

    private static String nodes(long count) {
        return count + (count == 1 ? " node" : " nodes");
    }
}
