package io.amlcompute.provisioner.local.arm;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.amlcompute.provisioner.local.LocalHttpServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Configures and starts an {@link ArmEmulator}. Every duration may be zero: a compute then reads Succeeded (and its
 * pool Steady) as soon as it is created. Not thread-safe; use one builder per emulator.
 */
public final class ArmEmulatorBuilder {

    private Clock clock = Clock.systemUTC();
    private int port;
    private SSLContext sslContext;
    private String advertisedHost = "127.0.0.1";
    private String bearerToken;
    private Path dataDirectory;
    private final Map<WorkspaceKey, Workspace> workspaces = new LinkedHashMap<>();
    private final List<ExternalResource> externalResources = new ArrayList<>();
    private Duration defaultProvisioningTime = Duration.ofSeconds(3);
    private final Map<ArmComputeType, Duration> provisioningTimeByType = new EnumMap<>(ArmComputeType.class);
    private final Map<String, Duration> provisioningTimeByVmSize = new HashMap<>();
    private Duration nodeAllocationTime = Duration.ofSeconds(5);
    private Duration updateTime = Duration.ofSeconds(2);
    private Duration deletionTime = Duration.ofSeconds(2);
    private Duration retryAfter = Duration.ofSeconds(1);
    private List<ComputeApiVersion> acceptedApiVersions = ComputeApiVersion.published();
    private final Set<String> quotaExceededVmSizes = new LinkedHashSet<>();
    private final Set<String> nodeSetupFailingVmSizes = new LinkedHashSet<>();
    private final Set<String> preemptedVmSizes = new LinkedHashSet<>();
    private final Set<String> resizeBlockedVmSizes = new LinkedHashSet<>();
    private Duration nodePreparationTime = Duration.ZERO;
    private final Set<String> attachFailingTargets = new LinkedHashSet<>();
    private List<String> allowedVmSizes;
    private final Map<String, List<String>> vmSizeComputeTypes = new LinkedHashMap<>();
    private final Set<String> lowPriorityIncapableVmSizes = new LinkedHashSet<>();
    private final Map<String, RegionSeed> regions = new LinkedHashMap<>();
    private final Set<String> deniedActions = new LinkedHashSet<>();
    private int listPageSize = 50;
    private Duration instancePowerTime = Duration.ofSeconds(2);
    private final Set<String> instanceCreateFailingVmSizes = new LinkedHashSet<>();
    private final Set<String> instanceUnusableVmSizes = new LinkedHashSet<>();

    ArmEmulatorBuilder() {
    }

    /** The clock that drives provisioning; default the system UTC clock. Tests pass a ManualClock. */
    public ArmEmulatorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The loopback port; default 0 (an ephemeral port, see {@link ArmEmulator#endpoint()}). */
    public ArmEmulatorBuilder port(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        return this;
    }

    /** Serves HTTPS with this context (its key manager holds the server certificate) instead of HTTP. */
    public ArmEmulatorBuilder https(SSLContext sslContext) {
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        return this;
    }

    /**
     * The host name {@link ArmEmulator#endpoint()} and the operation URLs use; default {@code 127.0.0.1}. Use
     * {@code localhost} when the HTTPS certificate names localhost. The server always binds to 127.0.0.1.
     */
    public ArmEmulatorBuilder advertisedHost(String host) {
        this.advertisedHost = Objects.requireNonNull(host, "host");
        return this;
    }

    /** Requires {@code Authorization: Bearer <token>} on every request; others get 401 with WWW-Authenticate. */
    public ArmEmulatorBuilder requireBearerToken(String token) {
        this.bearerToken = Objects.requireNonNull(token, "token");
        return this;
    }

    /** Keeps computes in a JSON file in this directory, so they survive a restart on the same directory. */
    public ArmEmulatorBuilder dataDirectory(Path directory) {
        this.dataDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Seeds a workspace; requests to any other workspace get ARM's 404. */
    public ArmEmulatorBuilder workspace(String subscriptionId, String resourceGroup, String workspaceName,
                                       String location) {
        Workspace workspace = new Workspace(subscriptionId, resourceGroup, workspaceName, location);
        workspaces.put(workspace.key(), workspace);
        return this;
    }

    /** Seeds a Databricks workspace ({@code .../providers/Microsoft.Databricks/workspaces/{name}}) and its token. */
    public ArmEmulatorBuilder databricksWorkspace(String resourceId, String workspaceUrl, String accessToken) {
        externalResources.add(new ExternalResource(ArmComputeType.DATABRICKS, resourceId,
                Objects.requireNonNull(workspaceUrl, "workspaceUrl"), new Secret(accessToken)));
        return this;
    }

    /** Seeds a VM ({@code .../providers/Microsoft.Compute/virtualMachines/{name}}). */
    public ArmEmulatorBuilder virtualMachine(String resourceId) {
        return external(ArmComputeType.VIRTUAL_MACHINE, resourceId);
    }

    /** Seeds a Kubernetes cluster (Microsoft.Kubernetes/connectedClusters or Microsoft.ContainerService/managedClusters). */
    public ArmEmulatorBuilder kubernetesCluster(String resourceId) {
        return external(ArmComputeType.KUBERNETES, resourceId);
    }

    /** Seeds an HDInsight cluster ({@code .../providers/Microsoft.HDInsight/clusters/{name}}). */
    public ArmEmulatorBuilder hdInsightCluster(String resourceId) {
        return external(ArmComputeType.HD_INSIGHT, resourceId);
    }

    /** Seeds a Synapse Spark pool ({@code .../providers/Microsoft.Synapse/workspaces/{ws}/bigDataPools/{pool}}). */
    public ArmEmulatorBuilder synapseSparkPool(String resourceId) {
        return external(ArmComputeType.SYNAPSE_SPARK, resourceId);
    }

    private ArmEmulatorBuilder external(ArmComputeType type, String resourceId) {
        externalResources.add(new ExternalResource(type, resourceId, null, null));
        return this;
    }

    /** Creating → Succeeded/Failed time for every compute type without a more specific setting; default 3 s. */
    public ArmEmulatorBuilder provisioningTime(Duration time) {
        this.defaultProvisioningTime = nonNegative(time, "provisioningTime");
        return this;
    }

    /** Creating → Succeeded/Failed time for one compute type. */
    public ArmEmulatorBuilder provisioningTime(ArmComputeType type, Duration time) {
        provisioningTimeByType.put(Objects.requireNonNull(type, "type"), nonNegative(time, "provisioningTime"));
        return this;
    }

    /** Creating → Succeeded/Failed time for AmlCompute of one VM size (wins over the type's time). */
    public ArmEmulatorBuilder provisioningTimeForVmSize(String vmSize, Duration time) {
        provisioningTimeByVmSize.put(Objects.requireNonNull(vmSize, "vmSize"), nonNegative(time, "provisioningTime"));
        return this;
    }

    /** How long an AmlCompute pool reads Resizing before reaching its node count; default 5 s. */
    public ArmEmulatorBuilder nodeAllocationTime(Duration time) {
        this.nodeAllocationTime = nonNegative(time, "nodeAllocationTime");
        return this;
    }

    /** How long a PATCH reads Updating; default 2 s. */
    public ArmEmulatorBuilder updateTime(Duration time) {
        this.updateTime = nonNegative(time, "updateTime");
        return this;
    }

    /** How long a DELETE reads Deleting before the compute is gone; default 2 s. */
    public ArmEmulatorBuilder deletionTime(Duration time) {
        this.deletionTime = nonNegative(time, "deletionTime");
        return this;
    }

    /**
     * The {@code Retry-After} sent on LRO answers and on in-progress polls, in whole seconds (rounded up); default
     * 1 s. Zero sends no header (never {@code Retry-After: 0}, which azure-core turns into a 30 s wait).
     */
    public ArmEmulatorBuilder retryAfter(Duration retryAfter) {
        this.retryAfter = nonNegative(retryAfter, "retryAfter");
        return this;
    }

    /**
     * The api-versions accepted; default every published stable version ({@link ComputeApiVersion}). Each request is
     * answered in the shape of its own version; any other version is refused with ARM's NoRegisteredProviderFound.
     *
     * @throws IllegalArgumentException for a version that is not a published stable one: the emulator has no
     *                                  contract for it
     */
    public ArmEmulatorBuilder acceptedApiVersions(String... versions) {
        List<ComputeApiVersion> known = new ArrayList<>();
        for (String version : versions) {
            known.add(ComputeApiVersion.fromWireName(version).orElseThrow(() -> new IllegalArgumentException(
                    "api-version '" + version + "' is not a published stable version of the compute API; known: "
                            + ComputeApiVersion.published().stream().map(ComputeApiVersion::wireName).toList())));
        }
        this.acceptedApiVersions = List.copyOf(known);
        return this;
    }

    /** AmlCompute of these VM sizes fails provisioning with a QuotaExceeded error in provisioningErrors. */
    public ArmEmulatorBuilder quotaExceededFor(String... vmSizes) {
        quotaExceededVmSizes.addAll(List.of(vmSizes));
        return this;
    }

    /** AmlCompute of these VM sizes provisions, but its nodes end unusable with errors in properties.properties.errors. */
    public ArmEmulatorBuilder nodeSetupFailsFor(String... vmSizes) {
        nodeSetupFailingVmSizes.addAll(List.of(vmSizes));
        return this;
    }

    /**
     * LowPriority AmlCompute of these VM sizes gets its nodes allocated, then preempted: Steady, with every node counted
     * in {@code currentNodeCount} and {@code preemptedNodeCount} and none idle. Dedicated clusters of these sizes are
     * not affected (Azure ML preempts low-priority VMs only).
     */
    public ArmEmulatorBuilder preemptsNodesFor(String... vmSizes) {
        preemptedVmSizes.addAll(List.of(vmSizes));
        return this;
    }

    /**
     * AmlCompute of these VM sizes provisions, but any resize up gets no nodes: the pool returns to Steady at its old
     * count, below {@code targetNodeCount}, with a QuotaExceeded error in properties.properties.errors (quota is
     * consumed when nodes are allocated, not when the cluster is created). Resizes down work.
     */
    public ArmEmulatorBuilder resizeBlockedFor(String... vmSizes) {
        resizeBlockedVmSizes.addAll(List.of(vmSizes));
        return this;
    }

    /**
     * How long the nodes of a finished resize read {@code preparing} before they are idle, while the pool already reads
     * Steady; default 0.
     */
    public ArmEmulatorBuilder nodePreparationTime(Duration time) {
        this.nodePreparationTime = nonNegative(time, "nodePreparationTime");
        return this;
    }

    /**
     * An attach of any of these target resource ids (compared case-insensitively, as ARM ids are) is accepted with
     * 201 like any other, then provisions to Failed with an error in {@code provisioningErrors}, the way a target
     * Azure ML cannot reach ends up. The target must still be seeded.
     */
    public ArmEmulatorBuilder attachFailsFor(String... targetResourceIds) {
        attachFailingTargets.addAll(List.of(targetResourceIds));
        return this;
    }

    /**
     * How long a compute instance reads Starting, Stopping or Restarting after a start, stop or restart; default 2 s.
     * Creating one takes the provisioning time ({@link #provisioningTime(ArmComputeType, Duration)}).
     */
    public ArmEmulatorBuilder instancePowerTime(Duration time) {
        this.instancePowerTime = nonNegative(time, "instancePowerTime");
        return this;
    }

    /**
     * A compute instance of these VM sizes is accepted with 201 like any other, then ends CreateFailed:
     * provisioningState Failed, the reason in provisioningErrors and in the instance's errors.
     */
    public ArmEmulatorBuilder instanceCreateFailsFor(String... vmSizes) {
        instanceCreateFailingVmSizes.addAll(List.of(vmSizes));
        return this;
    }

    /**
     * A compute instance of these VM sizes provisions (Succeeded) but ends Unusable, with the reason in its errors, until
     * a restart recovers it.
     */
    public ArmEmulatorBuilder instanceUnusableFor(String... vmSizes) {
        instanceUnusableVmSizes.addAll(List.of(vmSizes));
        return this;
    }

    /**
     * Replaces the allowed VM sizes of AmlCompute clusters and compute instances (default: common D, DS, E, F, NC, ND
     * and NV sizes).
     */
    public ArmEmulatorBuilder allowedVmSizes(String... vmSizes) {
        this.allowedVmSizes = List.of(vmSizes);
        return this;
    }

    /**
     * Seeds what a region holds ({@link RegionSeed}: offered sizes, vCPU quotas per family and priority, regional
     * totals, workspace quotas, outside use), served by {@code locations/{region}/vmSizes}, {@code /usages} and
     * {@code /quotas} and enforced when a cluster in the region resizes. Calling it again for the region adds to the
     * same seed. Unseeded regions offer every allowed size with large quotas.
     */
    public ArmEmulatorBuilder region(String name, java.util.function.Consumer<RegionSeed> seed) {
        seed.accept(regions.computeIfAbsent(RegionCatalog.normalized(name), RegionSeed::new));
        return this;
    }

    /**
     * Azure ML offers this (allowed) size only for these compute types ({@code supportedComputeTypes}); default
     * AmlCompute and ComputeInstance. A PUT of an AmlCompute of a size not offered for it is refused.
     */
    public ArmEmulatorBuilder vmSizeComputeTypes(String vmSize, String... computeTypes) {
        vmSizeComputeTypes.put(Objects.requireNonNull(vmSize, "vmSize"), List.of(computeTypes));
        return this;
    }

    /** These (allowed) sizes cannot run low-priority nodes ({@code lowPriorityCapable} false). */
    public ArmEmulatorBuilder lowPriorityIncapable(String... vmSizes) {
        lowPriorityIncapableVmSizes.addAll(List.of(vmSizes));
        return this;
    }

    /**
     * The caller's identity lacks these ARM actions (e.g. {@code Microsoft.MachineLearningServices/locations/
     * usages/read}): a request that needs one is answered 403 AuthorizationFailed, as ARM answers it. The region
     * reads check theirs.
     */
    public ArmEmulatorBuilder withoutPermission(String... actions) {
        deniedActions.addAll(List.of(actions));
        return this;
    }

    /** How many computes a list page holds before a {@code nextLink}; default 50. */
    public ArmEmulatorBuilder listPageSize(int size) {
        this.listPageSize = size;
        return this;
    }

    /** Binds 127.0.0.1 and starts serving. */
    public ArmEmulator start() throws IOException {
        EmulatorSettings settings = new EmulatorSettings(clock, acceptedApiVersions, retryAfter,
                defaultProvisioningTime, provisioningTimeByType, provisioningTimeByVmSize, nodeAllocationTime,
                updateTime, deletionTime,
                vmSizeCatalog(),
                quotaExceededVmSizes, nodeSetupFailingVmSizes, preemptedVmSizes, resizeBlockedVmSizes,
                nodePreparationTime, attachFailingTargets, listPageSize,
                Optional.ofNullable(bearerToken).map(token -> new Secret("Bearer " + token)),
                new RegionCatalog(regions.values().stream().map(RegionSeed::build).toList()), deniedActions,
                instancePowerTime, instanceCreateFailingVmSizes, instanceUnusableVmSizes);
        AttachTargets attachTargets = new AttachTargets(externalResources);
        ComputeLedger ledger = new ComputeLedger(Optional.ofNullable(dataDirectory).map(LedgerFile::new));

        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
        HttpServer server;
        if (sslContext != null) {
            HttpsServer https = LocalHttpServers.https(address);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext));
            server = https;
        } else {
            server = LocalHttpServers.http(address);
        }
        URI endpoint = URI.create((sslContext != null ? "https" : "http") + "://" + advertisedHost + ":"
                + server.getAddress().getPort());

        OperationEndpoints operations = new OperationEndpoints(endpoint, ledger, settings, workspaces);
        AttachSecrets attachSecrets = new AttachSecrets();
        ComputeActionEndpoints actions = new ComputeActionEndpoints(
                new ComputeListings(ledger, settings, attachSecrets),
                new InstancePowerCommands(ledger, settings, operations));
        ArmRouter router = new ArmRouter(settings, workspaces, new ComputeQueries(ledger, settings, endpoint),
                new ComputeCommands(ledger, settings, attachTargets, operations, attachSecrets,
                        new QuotaGate(ledger, workspaces, settings)), operations, actions,
                new RegionReads(ledger, workspaces, settings, endpoint));
        RequestLog log = new RequestLog();
        FaultRules faults = new FaultRules();
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        server.createContext("/", new ArmHttpHandler(router, faults, log, clock));
        server.setExecutor(executor);
        server.start();
        return new ArmEmulator(server, executor, endpoint, log, faults);
    }

    private VmSizeCatalog vmSizeCatalog() {
        VmSizeCatalog catalog = allowedVmSizes == null ? VmSizeCatalog.defaults()
                : VmSizeCatalog.allowing(allowedVmSizes);
        for (Map.Entry<String, List<String>> types : vmSizeComputeTypes.entrySet()) {
            catalog = catalog.with(types.getKey(), spec -> spec.offeredFor(types.getValue()));
        }
        for (String size : lowPriorityIncapableVmSizes) {
            catalog = catalog.with(size, VmSizeSpec::withoutLowPriority);
        }
        return catalog;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "arm-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static Duration nonNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
        return duration;
    }
}
