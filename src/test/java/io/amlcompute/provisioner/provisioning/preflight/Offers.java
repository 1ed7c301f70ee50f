package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.ApplicationSharingPolicy;
import io.amlcompute.provisioner.contract.AssignedUser;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstanceSsh;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.OsType;
import io.amlcompute.provisioner.contract.PreflightMode;
import io.amlcompute.provisioner.contract.RemoteLoginPortPublicAccess;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.WorkspaceRef;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Region offers as ARM publishes them, written the way the spec's examples are ({@code examples/Usage/list.json}:
 * rows named "Standard NC Family Cluster Dedicated vCPUs", ids under /subscriptions/{s}/usages), and requests.
 */
final class Offers {

    static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000aaaa";
    static final WorkspaceRef WORKSPACE = new WorkspaceRef(SUBSCRIPTION, "rg-ml", "ws-ml");
    static final String REGION = "westeurope";
    static final String VM = "Microsoft.MachineLearningServices/";

    static final VmSizeOffer DS3_V2 = size("Standard_DS3_v2", "standardDSv2Family", 4, 14, 0);
    static final VmSizeOffer DS4_V2 = size("Standard_DS4_v2", "standardDSv2Family", 8, 28, 0);
    static final VmSizeOffer E4S_V3 = size("Standard_E4s_v3", "standardESv3Family", 4, 32, 0);
    static final VmSizeOffer NC6 = size("Standard_NC6", "standardNCFamily", 6, 56, 1);
    static final VmSizeOffer NC12 = size("Standard_NC12", "standardNCFamily", 12, 112, 2);
    static final VmSizeOffer NC24 = size("Standard_NC24", "standardNCFamily", 24, 224, 4);
    static final VmSizeOffer NC4AS_T4 = size("Standard_NC4as_T4_v3", "standardNCASv3_T4Family", 4, 28, 1);

    private final List<VmSizeOffer> sizes = new ArrayList<>();
    private final List<UsageRow> usages = new ArrayList<>();
    private final List<QuotaRow> quotas = new ArrayList<>();

    static Offers region() {
        return new Offers();
    }

    static VmSizeOffer size(String name, String family, int vCpus, double memory, int gpus) {
        return new VmSizeOffer(name, family, vCpus, gpus, memory, true, List.of("AmlCompute", "ComputeInstance"));
    }

    Offers sizes(VmSizeOffer... offered) {
        sizes.addAll(List.of(offered));
        return this;
    }

    /** A family row, e.g. family("Standard NC Family", "Dedicated", 18, 24). */
    Offers family(String family, String priority, long used, long limit) {
        String name = family + " Cluster " + priority + " vCPUs";
        usages.add(new UsageRow("/subscriptions/" + SUBSCRIPTION + "/usages/" + name.replace(' ', '_'),
                VM + "vmFamily/usages", name, used, limit));
        return this;
    }

    Offers regional(String priority, long used, long limit) {
        usages.add(new UsageRow("/subscriptions/" + SUBSCRIPTION + "/usages", VM
                + (priority.equals("Dedicated") ? "dedicatedCores" : "lowPriorityCores") + "/usages",
                "Total Cluster " + priority + " Regional vCPUs", used, limit));
        return this;
    }

    Offers workspaceUsage(String family, String priority, long used) {
        String name = family + " Cluster " + priority + " vCPUs";
        usages.add(new UsageRow(WORKSPACE.armId() + "/usages/" + name.replace(' ', '_'), VM + "workspaces/usages",
                name, used, 24));
        return this;
    }

    Offers workspaceQuota(String family, String priority, long limit) {
        String name = family + " Cluster " + priority + " vCPUs";
        quotas.add(new QuotaRow(WORKSPACE.armId() + "/quotas/" + name.replace(' ', '_'), VM + "workspaces/quotas",
                name, limit));
        return this;
    }

    RegionOffer build() {
        return new RegionOffer(SUBSCRIPTION, REGION, sizes, usages, quotas);
    }

    static ComputeRequest ensure(String vmSize, VmPriority priority, int minNodes, int maxNodes, int waitForNodes,
                                 PreflightMode mode) {
        return new ComputeRequest("req-1", "corr-1", WORKSPACE, cluster(vmSize, priority, minNodes, maxNodes),
                new RequestOptions(Duration.ofMinutes(30), waitForNodes, OnExisting.REUSE, OnFailedLeftover.FAIL,
                        mode));
    }

    static EnsureAmlCompute cluster(String vmSize, VmPriority priority, int minNodes, int maxNodes) {
        return new EnsureAmlCompute("gpu-cluster", vmSize, priority,
                new ScaleSettings(minNodes, maxNodes, Duration.ofSeconds(120)), null, null, null, OsType.LINUX,
                RemoteLoginPortPublicAccess.NOT_SPECIFIED, true, null, Map.of(), null);
    }

    static CapacityNeed need(String vmSize, VmPriority priority, int minNodes, int maxNodes, int waitForNodes) {
        ComputeRequest request = ensure(vmSize, priority, minNodes, maxNodes, waitForNodes, PreflightMode.ENFORCE);
        return CapacityNeed.toCreate(request, (EnsureAmlCompute) request.operation());
    }

    static ComputeRequest ensureInstance(String vmSize, PreflightMode mode) {
        return new ComputeRequest("req-ci-1", "corr-1", WORKSPACE, new EnsureComputeInstance("ci-alice", vmSize,
                new AssignedUser("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "11111111-2222-3333-4444-555555555555"),
                ApplicationSharingPolicy.PERSONAL, InstanceSsh.DISABLED, null, true, Duration.ofHours(1), List.of(),
                false, null, Map.of(), null),
                new RequestOptions(Duration.ofMinutes(30), 0, OnExisting.REUSE, OnFailedLeftover.FAIL, mode));
    }

    /** What a compute instance's create needs. */
    static CapacityNeed instanceNeed(String vmSize) {
        ComputeRequest request = ensureInstance(vmSize, PreflightMode.ENFORCE);
        return CapacityNeed.toCreateInstance(request, (EnsureComputeInstance) request.operation());
    }
}
