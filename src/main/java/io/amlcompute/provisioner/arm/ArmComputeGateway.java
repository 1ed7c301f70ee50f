package io.amlcompute.provisioner.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.ArmNames;
import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.contract.WorkspaceRef;
import io.amlcompute.provisioner.provisioning.ComputeAddress;
import io.amlcompute.provisioner.provisioning.ComputeGateway;
import io.amlcompute.provisioner.provisioning.ComputeResource;
import io.amlcompute.provisioner.provisioning.CreatorMark;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.SecretResolver;
import io.amlcompute.provisioner.provisioning.UnderlyingResourceAction;
import io.amlcompute.provisioner.provisioning.preflight.RegionReader;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The {@link ComputeGateway} over ARM's {@code Microsoft.MachineLearningServices/workspaces/computes} REST API, on
 * azure-core's HTTP pipeline. Hand-built because the generated management SDK is not available here (ADR 0002); it
 * covers exactly the port, so the generated client could replace it behind the same interface.
 *
 * <p>Writes return as soon as ARM has accepted them (PUT 200/201, PATCH 200, DELETE 200/202/204) with the compute as
 * ARM described it then; nothing here polls {@code Azure-AsyncOperation}. The orchestration waits on durable timers
 * and reads the compute again. Every URL is {@code endpoint + ComputeAddress.resourceId()}, or the workspace's own id
 * for the one read of its region: no other ARM path can be addressed (the pre-flight's location reads are
 * {@link #regionReader()}'s). Build one with {@link #builder()} or {@link ArmGateways#fromSettings}; thread-safe, build once per
 * process.
 */
public final class ArmComputeGateway implements ComputeGateway {

    /**
     * The first stable api-version whose ComputeInstanceProperties has {@code idleTimeBeforeShutdown} and
     * {@code enableSSO} (contract notes section 7): compute instance writes go with it, or the configured version when
     * that is newer (ADR 0013).
     */
    public static final String INSTANCE_API_VERSION = "2026-07-01";

    private final ArmEndpoint endpoint;
    private final String apiVersion;
    private final String instanceApiVersion;
    private final ArmExchange exchange;
    private final SecretResolver secretResolver;
    /** Workspace regions by workspace key: a workspace cannot move to another region, so one read per process. */
    private final ConcurrentHashMap<String, String> workspaceRegions = new ConcurrentHashMap<>();

    ArmComputeGateway(ArmEndpoint endpoint, String apiVersion, ArmExchange exchange, SecretResolver secretResolver) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
        // api-versions are dates (yyyy-MM-dd, maybe with a suffix): their text orders them.
        this.instanceApiVersion = apiVersion.compareTo(INSTANCE_API_VERSION) > 0 ? apiVersion : INSTANCE_API_VERSION;
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.secretResolver = Objects.requireNonNull(secretResolver, "secretResolver");
    }

    public static ArmComputeGatewayBuilder builder() {
        return new ArmComputeGatewayBuilder();
    }

    /**
     * The pre-flight's reads of a region over the same endpoint, api-version, pipeline and retries, and this
     * gateway's reading of workspace regions (one per workspace and process).
     */
    public RegionReader regionReader() {
        return new ArmRegionReader(endpoint, apiVersion, exchange, this::workspaceRegion);
    }

    @Override
    public Optional<ComputeResource> get(ComputeAddress address, String correlationId) {
        ArmReply reply;
        try {
            reply = exchange.send(HttpMethod.GET, url(address, null), null, correlationId, SecretValues.none());
        } catch (ProvisioningException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        if (!reply.hasBody()) {
            throw malformed(reply, address);
        }
        return Optional.of(ComputeResourceReader.read(json(reply, address), address.resourceId(), null, null));
    }

    @Override
    public ComputeResource create(ComputeAddress address, EnsureAmlCompute cluster, CreatorMark mark,
                                  String correlationId) {
        return put(address, url(address, null), ComputeType.AML_COMPUTE.wireName(), correlationId,
                (region, secrets) -> ComputeRequestBodies.amlCompute(cluster, region, mark, secrets));
    }

    @Override
    public ComputeResource attach(ComputeAddress address, AttachCompute attach, CreatorMark mark,
                                  String correlationId) {
        return put(address, url(address, null), attach.computeType().wireName(), correlationId,
                (region, secrets) -> ComputeRequestBodies.attach(attach, region, mark, secrets));
    }

    @Override
    public ComputeResource createInstance(ComputeAddress address, EnsureComputeInstance instance, CreatorMark mark,
                                          String correlationId) {
        return put(address, url(address, instanceApiVersion, "", null), ComputeType.COMPUTE_INSTANCE.wireName(),
                correlationId, (region, secrets) -> ComputeRequestBodies.computeInstance(instance, region, mark,
                        secrets));
    }

    /**
     * The PUT of a new compute: its envelope location is the workspace's region (read first), and the secrets its
     * body resolves are wiped once the request is sent.
     */
    private ComputeResource put(ComputeAddress address, URL url, String computeType, String correlationId,
                                BiFunction<String, SecretValues, byte[]> body) {
        String region = workspaceRegion(address.workspace(), correlationId);
        SecretValues secrets = SecretValues.resolvedBy(secretResolver);
        return written(sendAndWipe(HttpMethod.PUT, url, body.apply(region, secrets), correlationId, secrets), address,
                computeType, "Creating");
    }

    @Override
    public void start(ComputeAddress address, String correlationId) {
        powerAction(address, "start", correlationId);
    }

    @Override
    public void stop(ComputeAddress address, String correlationId) {
        powerAction(address, "stop", correlationId);
    }

    @Override
    public void restart(ComputeAddress address, String correlationId) {
        powerAction(address, "restart", correlationId);
    }

    /**
     * Compute_Start, Compute_Stop, Compute_Restart: {@code POST .../computes/{name}/{action}} without a body, answered
     * 202 (contract notes section 2). Nothing here polls the operation's {@code Location}: the orchestration reads the
     * instance's state on its own schedule, as for every other write.
     */
    private void powerAction(ComputeAddress address, String action, String correlationId) {
        exchange.send(HttpMethod.POST, url(address, instanceApiVersion, "/" + action, null), null, correlationId,
                SecretValues.none());
    }

    @Override
    public ComputeResource updateScale(ComputeAddress address, UpdateScaleSettings update, String correlationId) {
        byte[] body = ComputeRequestBodies.scaleUpdate(update);
        ArmReply reply = exchange.send(HttpMethod.PATCH, url(address, null), body, correlationId, SecretValues.none());
        return written(reply, address, ComputeType.AML_COMPUTE.wireName(), "Updating");
    }

    @Override
    public boolean delete(ComputeAddress address, UnderlyingResourceAction action, String correlationId) {
        ArmReply reply = exchange.send(HttpMethod.DELETE, url(address, action), null, correlationId,
                SecretValues.none());
        // 204: "the target compute does not exist"; 200 done, 202 accepted (contract notes, section 4).
        return reply.status() != 204;
    }

    /**
     * The workspace's region (Workspaces_Get, {@code location}), which every compute PUT carries as its envelope
     * location. Needs {@code Microsoft.MachineLearningServices/workspaces/read} on the workspace, which the compute
     * lifecycle role does not include (its actions are {@link ArmPermissions#COMPUTE_ACTIONS}); infra grants Reader on
     * each workspace for it.
     */
    private String workspaceRegion(WorkspaceRef workspace, String correlationId) {
        String cached = workspaceRegions.get(workspace.key());
        if (cached != null) {
            return cached;
        }
        URL url = url(workspace.armId(), workspace, null);
        ArmReply reply = exchange.send(HttpMethod.GET, url, null, correlationId, SecretValues.none());
        String region = null;
        if (reply.hasBody()) {
            try {
                JsonNode root = Json.MAPPER.readTree(reply.body());
                JsonNode location = root == null ? null : root.get("location");
                region = location != null && location.isTextual() && !location.textValue().isBlank()
                        ? location.textValue() : null;
            } catch (IOException e) {
                region = null;
            }
        }
        if (region == null) {
            throw new ProvisioningException(ErrorKind.TRANSIENT, "MalformedArmResponse", "ARM answered HTTP "
                    + reply.status() + " for workspace " + workspace.armId() + " without its location.");
        }
        workspaceRegions.putIfAbsent(workspace.key(), region);
        return region;
    }

    private ArmReply sendAndWipe(HttpMethod method, URL url, byte[] body, String correlationId, SecretValues secrets) {
        try {
            return exchange.send(method, url, body, correlationId, secrets);
        } finally {
            // The transport is done with the bytes; do not leave resolved secrets lying in the heap longer than needed.
            Arrays.fill(body, (byte) 0);
        }
    }

    /** The answer to a PUT or PATCH; a write ARM accepted without a body is described from what was sent. */
    private ComputeResource written(ArmReply reply, ComputeAddress address, String computeType, String state) {
        if (!reply.hasBody()) {
            return ComputeResourceReader.read(Json.MAPPER.createObjectNode(), address.resourceId(), computeType, state);
        }
        return ComputeResourceReader.read(json(reply, address), address.resourceId(), computeType, state);
    }

    private URL url(ComputeAddress address, UnderlyingResourceAction action) {
        return url(address, apiVersion, "", action);
    }

    /** The compute's URL, followed by {@code suffix} (empty, or {@code /start} and the like). */
    private URL url(ComputeAddress address, String version, String suffix, UnderlyingResourceAction action) {
        if (!ArmNames.isComputeName(address.computeName())) {
            throw new ProvisioningException(ErrorKind.INVALID_REQUEST, "InvalidComputeAddress",
                    "Not a compute of a workspace: " + address.resourceId());
        }
        return url(address.resourceId() + suffix, address.workspace(), version, action);
    }

    private URL url(String resourceId, WorkspaceRef workspace, UnderlyingResourceAction action) {
        return url(resourceId, workspace, apiVersion, action);
    }

    /** {@code endpoint + resourceId + api-version}; {@code resourceId} is the workspace's or one of its computes'. */
    private URL url(String resourceId, WorkspaceRef workspace, String version, UnderlyingResourceAction action) {
        // The request parser checked these already; checking again keeps the gateway safe on its own (no '/', '?',
        // '#', '%' or dot-segment can reach the path).
        if (!ArmNames.isSubscriptionId(workspace.subscriptionId())
                || !ArmNames.isResourceGroup(workspace.resourceGroup())
                || !ArmNames.isWorkspaceName(workspace.workspaceName())) {
            throw new ProvisioningException(ErrorKind.INVALID_REQUEST, "InvalidComputeAddress",
                    "Not a compute of a workspace: " + resourceId);
        }
        String query = "?api-version=" + URLEncoder.encode(version, StandardCharsets.UTF_8)
                + (action == null ? "" : "&underlyingResourceAction=" + action.wireName());
        try {
            return new URL(endpoint.uri() + resourceId + query);
        } catch (MalformedURLException e) {
            throw new ProvisioningException(ErrorKind.INVALID_REQUEST, "InvalidComputeAddress",
                    "Not a valid ARM URL for " + resourceId);
        }
    }

    private static JsonNode json(ArmReply reply, ComputeAddress address) {
        try {
            JsonNode root = Json.MAPPER.readTree(reply.body());
            if (root == null || !root.isObject()) {
                throw malformed(reply, address);
            }
            return root;
        } catch (IOException e) {
            throw malformed(reply, address);
        }
    }

    /** A 2xx that is not a ComputeResource: treated as transient, the next read will tell. */
    private static ProvisioningException malformed(ArmReply reply, ComputeAddress address) {
        return new ProvisioningException(ErrorKind.TRANSIENT, "MalformedArmResponse",
                "ARM answered HTTP " + reply.status() + " for " + address.resourceId()
                        + " without a ComputeResource body.");
    }

    @Override
    public String toString() {
        return "ArmComputeGateway[" + endpoint + ", api-version " + apiVersion + ", compute instances "
                + instanceApiVersion + "]";
    }
}
