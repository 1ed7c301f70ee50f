package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.AdminUser;
import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ControlRequest;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.contract.VmPriority;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the operators of this app allow, from app settings: checked after the structure is valid and before
 * anything touches Azure.
 *
 * @param allowedWorkspaces   workspace keys ({@link io.amlcompute.provisioner.contract.WorkspaceRef#key()}); a
 *                            request for any other workspace is refused, and an empty set refuses all
 * @param allowedVmSizes      glob patterns ({@code *}, {@code ?}), case-insensitive, e.g. {@code Standard_D*_v3}
 * @param allowedSecretStores glob patterns over vault host names, plus {@code local} for the local store
 * @param allowedSubnets      ARM ids of the subnets a cluster may join ({@code compute.subnet}), compared without
 *                            regard to case as ARM does; empty refuses every subnet. Without the join right on a
 *                            subnet ARM answers 403 LinkedAuthorizationFailed, so the list is the subnets the app
 *                            identity was granted that right on (infra/app/subnet-access.bicep); instances join
 *                            subnets of the same list
 * @param maxLease            the longest a lease may hold a compute from now: its duration, and what a renewal
 *                            extends it to
 * @param instances           what compute instances may be
 */
public record RequestPolicy(Set<String> allowedWorkspaces, List<String> allowedVmSizes, int maxNodesPerCluster,
                            Set<VmPriority> allowedPriorities, List<String> allowedSecretStores, Duration maxTimeout,
                            Set<String> allowedSubnets, Duration maxLease, InstancePolicy instances) {

    /** POLICY_MAX_LEASE's default. */
    public static final Duration DEFAULT_MAX_LEASE = Duration.ofDays(7);

    public RequestPolicy {
        allowedWorkspaces = allowedWorkspaces.stream().map(w -> w.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        allowedSubnets = allowedSubnets.stream().map(id -> id.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        allowedVmSizes = List.copyOf(allowedVmSizes);
        allowedPriorities = Set.copyOf(allowedPriorities);
        allowedSecretStores = List.copyOf(allowedSecretStores);
        Objects.requireNonNull(maxTimeout, "maxTimeout");
        Objects.requireNonNull(maxLease, "maxLease");
        Objects.requireNonNull(instances, "instances");
        if (maxNodesPerCluster < 1) {
            throw new IllegalArgumentException("maxNodesPerCluster must be at least 1: " + maxNodesPerCluster);
        }
    }

    /** A policy with the default rules for compute instances ({@link InstancePolicy#DEFAULTS}). */
    public RequestPolicy(Set<String> allowedWorkspaces, List<String> allowedVmSizes, int maxNodesPerCluster,
                         Set<VmPriority> allowedPriorities, List<String> allowedSecretStores, Duration maxTimeout,
                         Set<String> allowedSubnets, Duration maxLease) {
        this(allowedWorkspaces, allowedVmSizes, maxNodesPerCluster, allowedPriorities, allowedSecretStores, maxTimeout,
                allowedSubnets, maxLease, InstancePolicy.DEFAULTS);
    }

    /** A policy with the default lease cap and the default rules for compute instances. */
    public RequestPolicy(Set<String> allowedWorkspaces, List<String> allowedVmSizes, int maxNodesPerCluster,
                         Set<VmPriority> allowedPriorities, List<String> allowedSecretStores, Duration maxTimeout,
                         Set<String> allowedSubnets) {
        this(allowedWorkspaces, allowedVmSizes, maxNodesPerCluster, allowedPriorities, allowedSecretStores, maxTimeout,
                allowedSubnets, DEFAULT_MAX_LEASE);
    }

    /** A policy without subnets: a request naming one is refused. */
    public RequestPolicy(Set<String> allowedWorkspaces, List<String> allowedVmSizes, int maxNodesPerCluster,
                         Set<VmPriority> allowedPriorities, List<String> allowedSecretStores, Duration maxTimeout) {
        this(allowedWorkspaces, allowedVmSizes, maxNodesPerCluster, allowedPriorities, allowedSecretStores, maxTimeout,
                Set.of(), DEFAULT_MAX_LEASE);
    }

    /** Allows the given workspaces and nothing else restricted beyond the defaults of the settings. */
    public static RequestPolicy allowingWorkspaces(Set<String> workspaceKeys) {
        return new RequestPolicy(workspaceKeys, List.of("*"), 100, EnumSet.allOf(VmPriority.class),
                List.of("*.vault.azure.net"), Duration.ofDays(1));
    }

    /** This policy with {@code subnetIds} as the allowed subnets. */
    public RequestPolicy withAllowedSubnets(Set<String> subnetIds) {
        return new RequestPolicy(allowedWorkspaces, allowedVmSizes, maxNodesPerCluster, allowedPriorities,
                allowedSecretStores, maxTimeout, subnetIds, maxLease, instances);
    }

    /** This policy with {@code instancePolicy} for compute instances. */
    public RequestPolicy withInstances(InstancePolicy instancePolicy) {
        return new RequestPolicy(allowedWorkspaces, allowedVmSizes, maxNodesPerCluster, allowedPriorities,
                allowedSecretStores, maxTimeout, allowedSubnets, maxLease, instancePolicy);
    }

    /** This policy with {@code value} as the longest lease. */
    public RequestPolicy withMaxLease(Duration value) {
        return new RequestPolicy(allowedWorkspaces, allowedVmSizes, maxNodesPerCluster, allowedPriorities,
                allowedSecretStores, maxTimeout, allowedSubnets, value, instances);
    }

    /**
     * Every policy problem of a control request. A renewal is checked against the cap here as far as the message
     * alone tells; the lease's orchestration checks the expiry it would reach.
     */
    public List<ValidationError> check(ControlRequest control) {
        List<ValidationError> errors = new ArrayList<>();
        if (control instanceof ControlRequest.RenewLease renew && renew.extendBy().compareTo(maxLease) > 0) {
            errors.add(new ValidationError(ReasonCode.POLICY_LEASE_TOO_LONG, "$.extendBy", "$.extendBy "
                    + renew.extendBy() + " is longer than a lease may hold a compute here (" + maxLease + ")."));
        }
        return errors;
    }

    /** Every policy problem of a structurally valid request. */
    public List<ValidationError> check(ComputeRequest request) {
        List<ValidationError> errors = new ArrayList<>();
        if (!allowedWorkspaces.contains(request.workspace().key())) {
            errors.add(new ValidationError(ReasonCode.POLICY_WORKSPACE_NOT_ALLOWED, "$.workspace",
                    "Workspace " + request.workspace().key() + " is not on this app's allow-list"
                            + (allowedWorkspaces.isEmpty() ? " (the list is empty)" : "")
                            + "; ask its operators to add it to POLICY_ALLOWED_WORKSPACES."));
        }
        if (request.options().timeout().compareTo(maxTimeout) > 0) {
            errors.add(new ValidationError(ReasonCode.POLICY_TIMEOUT_EXCEEDED, "$.options.timeout",
                    "$.options.timeout " + request.options().timeout() + " is longer than this app allows ("
                            + maxTimeout + ")."));
        }
        if (request.options().lease() != null && request.options().lease().duration().compareTo(maxLease) > 0) {
            errors.add(new ValidationError(ReasonCode.POLICY_LEASE_TOO_LONG, "$.options.lease.duration",
                    "$.options.lease.duration " + request.options().lease().duration() + " is longer than a lease may"
                            + " hold a compute here (" + maxLease + "); ask for less and renew it when needed."));
        }
        if (request.operation() instanceof EnsureAmlCompute ensure) {
            checkCluster(ensure, errors);
        } else if (request.operation() instanceof UpdateScaleSettings update) {
            checkNodes(update.scale().maxNodes(), errors);
        } else if (request.operation() instanceof EnsureComputeInstance instance) {
            instances.check(instance, errors);
            checkSubnet(instance.subnetId(), errors);
        }
        for (SecretUse use : secretsOf(request)) {
            String store = use.ref().store();
            if (!matchesAny(allowedSecretStores, store)) {
                errors.add(new ValidationError(ReasonCode.POLICY_SECRET_STORE_NOT_ALLOWED, use.path(),
                        use.path() + " points into secret store " + store + ", which this app may not read; allowed: "
                                + String.join(", ", allowedSecretStores) + "."));
            }
        }
        return errors;
    }

    private void checkCluster(EnsureAmlCompute ensure, List<ValidationError> errors) {
        if (!matchesAny(allowedVmSizes, ensure.vmSize())) {
            errors.add(new ValidationError(ReasonCode.POLICY_VM_SIZE_NOT_ALLOWED, "$.compute.vmSize",
                    "$.compute.vmSize " + Problems.quote(ensure.vmSize()) + " is not allowed here; allowed: "
                            + String.join(", ", allowedVmSizes) + "."));
        }
        if (!allowedPriorities.contains(ensure.vmPriority())) {
            errors.add(new ValidationError(ReasonCode.POLICY_PRIORITY_NOT_ALLOWED, "$.compute.vmPriority",
                    "$.compute.vmPriority " + ensure.vmPriority().wireName() + " is not allowed here; allowed: "
                            + allowedPriorities.stream().map(VmPriority::wireName).sorted()
                            .collect(Collectors.joining(", ")) + "."));
        }
        checkNodes(ensure.scale().maxNodes(), errors);
        checkSubnet(ensure.subnetId(), errors);
    }

    private void checkSubnet(String subnet, List<ValidationError> errors) {
        if (subnet != null && !allowedSubnets.contains(subnet.toLowerCase(Locale.ROOT))) {
            errors.add(new ValidationError(ReasonCode.POLICY_SUBNET_NOT_ALLOWED, "$.compute.subnet",
                    "$.compute.subnet " + Problems.quote(subnet) + " is not a subnet this app may join"
                            + (allowedSubnets.isEmpty() ? " (it may join none)" : "")
                            + "; ask its operators to add it to POLICY_ALLOWED_SUBNETS (Bicep: allowedSubnetIds), which"
                            + " also grants the join right on it."));
        }
    }

    private void checkNodes(int maxNodes, List<ValidationError> errors) {
        if (maxNodes > maxNodesPerCluster) {
            errors.add(new ValidationError(ReasonCode.POLICY_MAX_NODES_EXCEEDED, "$.compute.maxNodes",
                    "$.compute.maxNodes " + maxNodes + " is more than this app allows per cluster ("
                            + maxNodesPerCluster + ")."));
        }
    }

    /** Every secret reference a request carries, with the JSONPath it came from. */
    static List<SecretUse> secretsOf(ComputeRequest request) {
        List<SecretUse> uses = new ArrayList<>();
        if (request.operation() instanceof EnsureAmlCompute ensure) {
            addAdmin(uses, ensure.adminUser());
        } else if (request.operation() instanceof EnsureComputeInstance instance) {
            add(uses, "$.compute.sshSettings.adminPublicKey", instance.ssh().adminPublicKey());
        } else if (request.operation() instanceof AttachCompute attach) {
            AttachTarget target = attach.target();
            if (target instanceof AttachTarget.Databricks databricks) {
                uses.add(new SecretUse("$.compute.accessToken", databricks.accessToken()));
            } else if (target instanceof AttachTarget.VirtualMachine vm) {
                addAdmin(uses, vm.adminUser());
            } else if (target instanceof AttachTarget.HdInsight hdi) {
                addAdmin(uses, hdi.adminUser());
            }
        }
        return uses;
    }

    private static void addAdmin(List<SecretUse> uses, AdminUser admin) {
        if (admin == null) {
            return;
        }
        add(uses, "$.compute.adminUser.password", admin.password());
        add(uses, "$.compute.adminUser.sshPublicKey", admin.sshPublicKey());
        add(uses, "$.compute.adminUser.sshPrivateKey", admin.sshPrivateKey());
    }

    private static void add(List<SecretUse> uses, String path, SecretRef ref) {
        if (ref != null) {
            uses.add(new SecretUse(path, ref));
        }
    }

    static boolean matchesAny(List<String> globs, String value) {
        return globs.stream().anyMatch(glob -> globToRegex(glob).matcher(value).matches());
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    record SecretUse(String path, SecretRef ref) {
    }
}
