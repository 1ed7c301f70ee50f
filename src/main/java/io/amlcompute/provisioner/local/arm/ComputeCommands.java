package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.arm.ComputeDefinition.ScaleSettings;
import io.amlcompute.provisioner.local.arm.ObservedCompute.ProvisioningState;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The writes of the compute API: PUT (create or attach), PATCH (scale settings) and DELETE (Delete or Detach), each
 * answered the way the contract's LROs are (PUT 201, PATCH 200, DELETE 202, all with {@code Azure-AsyncOperation}).
 * Decisions, in order: body contract (400), existence and running operations (404/409), then what Azure ML checks
 * against the world: VM size allowed (400), attach target seeded (400), Databricks token (403).
 */
final class ComputeCommands {

    private final ComputeLedger ledger;
    private final EmulatorSettings settings;
    private final AttachTargets attachTargets;
    private final OperationEndpoints operations;
    private final AttachSecrets attachSecrets;
    private final QuotaGate quota;

    ComputeCommands(ComputeLedger ledger, EmulatorSettings settings, AttachTargets attachTargets,
                    OperationEndpoints operations, AttachSecrets attachSecrets, QuotaGate quota) {
        this.ledger = ledger;
        this.settings = settings;
        this.attachTargets = attachTargets;
        this.operations = operations;
        this.attachSecrets = attachSecrets;
        this.quota = quota;
    }

    ArmResponse put(Workspace workspace, String name, IncomingRequest request, ComputeContract contract) {
        JsonNode body = RequestBodies.parse(request);
        PutBodyRules.Outcome outcome = PutBodyRules.check(body, workspace.location(), contract);
        if (outcome instanceof PutBodyRules.Unsupported unsupported) {
            return ArmResponse.error(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("ComputeTypeNotSupportedByEmulator",
                    "computeType '" + unsupported.computeType().wireName() + "' is part of the contract but the ARM "
                            + "emulator does not simulate it in api-version " + contract.wireName() + "; there it serves "
                            + emulatedTypes(contract) + " (ComputeInstance in 2025-12-01 and 2026-07-01).",
                    "properties.computeType"));
        }
        if (outcome instanceof PutBodyRules.Invalid invalid) {
            return RequestBodies.invalidContent(invalid.violations(), contract.wireName());
        }
        PutBodyRules.Valid valid = (PutBodyRules.Valid) outcome;
        requireWorkspaceRegion(workspace, valid.definition().location());
        if (valid.definition().computeType() == ArmComputeType.COMPUTE_INSTANCE) {
            InstanceCreationRules.refuseSshKeyOnBehalf(body);
            InstanceCreationRules.settle(valid.definition(), contract);
        }
        Instant now = settings.clock().instant();
        return ledger.atomically(() -> {
            ledger.find(workspace.key(), name, now).ifPresent(existing -> {
                refuseWhileBusy(existing, now);
                throw new ArmRefusal(HttpURLConnection.HTTP_CONFLICT, ArmError.of("ComputeAlreadyExists",
                        "Compute with this name already exists: '" + existing.stored().name() + "' is a "
                                + existing.stored().definition().computeType().wireName() + " compute in state "
                                + existing.provisioningState().wireName() + ". A PUT does not overwrite it: PATCH "
                                + "its scale settings, or delete it first."));
            });
            StoredCompute created = create(workspace, name, checkAgainstWorld(valid), now);
            ledger.save(created, now);
            attachSecrets.keep(workspace.key(), name, created.definition().computeType(), body);
            return operations.withRetryAfter(ArmResponse.json(HttpURLConnection.HTTP_CREATED,
                            ComputeResourceJson.renderAccepted(created, workspace, contract))
                    .withHeader("Azure-AsyncOperation",
                            operations.statusUrl(workspace, created.lastOperation(), contract)));
        });
    }

    ArmResponse patch(Workspace workspace, String name, IncomingRequest request, ComputeContract contract) {
        PatchBodyRules.Outcome outcome = PatchBodyRules.check(RequestBodies.parse(request), contract);
        if (outcome instanceof PatchBodyRules.Invalid invalid) {
            return RequestBodies.invalidContent(invalid.violations(), contract.wireName());
        }
        PatchBodyRules.Valid valid = (PatchBodyRules.Valid) outcome;
        Instant now = settings.clock().instant();
        return ledger.atomically(() -> {
            ObservedCompute existing = ledger.find(workspace.key(), name, now)
                    .orElseThrow(() -> ComputeQueries.notFound(workspace, name));
            refuseWhileBusy(existing, now);
            StoredCompute stored = existing.stored();
            if (stored.definition().computeType() != ArmComputeType.AML_COMPUTE) {
                throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("UpdateNotSupported",
                        "Only AmlCompute has scale settings to update; '" + stored.name() + "' is "
                                + stored.definition().computeType().wireName() + "."));
            }
            if (existing.provisioningState() == ProvisioningState.FAILED) {
                throw new ArmRefusal(HttpURLConnection.HTTP_CONFLICT, ArmError.of("ComputeInFailedState",
                        "Compute '" + stored.name() + "' failed to provision and cannot be updated: delete it and "
                                + "create it again."));
            }
            AsyncOperation update = new AsyncOperation(UUID.randomUUID().toString(), workspace.key(),
                    workspace.location(), stored.name(), AsyncOperation.Kind.UPDATE, now,
                    now.plus(settings.updateTime()), null);
            int nodesThen = stored.nodesAt(update.endTime());
            ComputeDefinition rescaled = stored.definition().withScale(valid.scale(), valid.scaleSettingsAsSent());
            StoredCompute updated = stored.rescaled(rescaled, update, quota.admit(workspace, stored.name(), rescaled,
                    resize(nodesThen, valid.scale(), update.endTime()), now));
            ledger.save(updated, now);
            ObservedCompute observed = ComputeTimeline.observe(updated, now).orElseThrow();
            // The contract's PATCH example answers 200 while still running: provisioningState Updating.
            return operations.withRetryAfter(ArmResponse.json(HttpURLConnection.HTTP_OK,
                            ComputeResourceJson.render(observed, workspace, ProvisioningState.UPDATING, contract))
                    .withHeader("Azure-AsyncOperation", operations.statusUrl(workspace, update, contract)));
        });
    }

    ArmResponse delete(Workspace workspace, String name, IncomingRequest request, ComputeContract contract) {
        UnderlyingResourceAction action = UnderlyingResourceAction.from(request);
        Instant now = settings.clock().instant();
        return ledger.atomically(() -> {
            Optional<ObservedCompute> existing = ledger.find(workspace.key(), name, now);
            if (existing.isEmpty()) {
                return ArmResponse.empty(HttpURLConnection.HTTP_NO_CONTENT); // "target compute does not exist"
            }
            refuseWhileBusy(existing.get(), now);
            StoredCompute stored = existing.get().stored();
            action.checkFits(stored);
            AsyncOperation deletion = new AsyncOperation(UUID.randomUUID().toString(), workspace.key(),
                    workspace.location(), stored.name(), AsyncOperation.Kind.DELETE, now,
                    now.plus(settings.deletionTime()), null);
            ledger.save(stored.withOperation(deletion, now), now);
            attachSecrets.forget(workspace.key(), stored.name());
            return operations.withRetryAfter(ArmResponse.empty(HttpURLConnection.HTTP_ACCEPTED)
                    .withHeader("Azure-AsyncOperation", operations.statusUrl(workspace, deletion, contract))
                    .withHeader("Location", operations.resultUrl(workspace, deletion, contract)));
        });
    }

    /**
     * A compute's envelope {@code location} is its workspace's region; its own region is
     * {@code properties.computeLocation} ("Location for the underlying compute", Compute in the 2025-12-01 spec).
     * The official clients send the workspace's region: azureml-core's {@code AmlCompute._build_create_payload}
     * puts the workspace location in the envelope and the requested one in computeLocation, and azure-ai-ml's
     * {@code ComputeOperations.begin_create_or_update} (Azure/azure-sdk-for-python, commit 66355a34) replaces any
     * location of a non-AmlCompute type with the workspace's. A compute placed under another region is reported to
     * break identity assignment, so the emulator refuses it outright rather than letting it slide. A body without
     * a location (the spec makes it optional) is placed in the workspace's region.
     */
    private static void requireWorkspaceRegion(Workspace workspace, String location) {
        if (!workspace.isRegion(location)) {
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("InvalidResourceLocation",
                    "The compute's location '" + location + "' is not the region of workspace '" + workspace.name()
                            + "' ('" + workspace.location() + "'). A compute's envelope location is its workspace's "
                            + "region; put the region for the nodes in properties.computeLocation.", "location"));
        }
    }

    /** 409 while a create, update, delete, start, stop or restart of the compute runs. */
    static void refuseWhileBusy(ObservedCompute compute, Instant now) {
        if (compute.busyAt(now)) {
            throw new ArmRefusal(HttpURLConnection.HTTP_CONFLICT, ArmError.of("Conflict",
                    "Operation failed: another operation on same entity is already running (compute '"
                            + compute.stored().name() + "' is " + compute.provisioningState().wireName()
                            + "). Retry when it has finished."));
        }
    }

    /** The checks a valid body still has to pass against the seeded world; returns the definition to store. */
    private ComputeDefinition checkAgainstWorld(PutBodyRules.Valid valid) {
        ComputeDefinition definition = valid.definition();
        if (definition.computeType() == ArmComputeType.AML_COMPUTE
                || definition.computeType() == ArmComputeType.COMPUTE_INSTANCE) {
            if (!settings.vmSizes().allows(definition.vmSize())) {
                throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("VmSizeNotSupported",
                        "VM size '" + definition.vmSize() + "' is not supported in this region. Supported sizes: "
                                + String.join(", ", settings.vmSizes().names()) + ".",
                        "properties.properties.vmSize"));
            }
            return definition;
        }
        ExternalResource target = attachTargets.resolve(definition.computeType(), definition.resourceId());
        if (definition.computeType() == ArmComputeType.DATABRICKS) {
            AttachTargets.checkDatabricksToken(target, valid.databricksToken());
            if (!definition.properties().hasNonNull("workspaceUrl") && target.workspaceUrl() != null) {
                // The definition was built for this request alone; GET shows the seeded URL when none was sent.
                definition.properties().put("workspaceUrl", target.workspaceUrl());
            }
        }
        return definition;
    }

    private StoredCompute create(Workspace workspace, String name, ComputeDefinition definition, Instant now) {
        boolean aml = definition.computeType() == ArmComputeType.AML_COMPUTE;
        if (aml) {
            requireOfferedInRegion(workspace, definition);
        }
        ArmError failure = switch (definition.computeType()) {
            case AML_COMPUTE -> quotaFailure(definition);
            case COMPUTE_INSTANCE -> instanceCreationFailure(name, definition);
            default -> attachFailure(definition);
        };
        AsyncOperation creation = new AsyncOperation(UUID.randomUUID().toString(), workspace.key(),
                workspace.location(), name, AsyncOperation.Kind.CREATE, now,
                now.plus(settings.provisioningTime(definition.computeType(), definition.vmSize())), failure);
        List<NodeAllocation> allocations = aml && failure == null
                ? List.of(quota.admit(workspace, name, definition, resize(0, definition.scale(), creation.endTime()),
                now)) : List.of();
        NodeFate fate = aml ? settings.nodeFate(definition.vmSize(), definition.properties().path("vmPriority")
                .asText(null)) : NodeFate.HEALTHY;
        InstanceFate instanceFate = definition.computeType() == ArmComputeType.COMPUTE_INSTANCE
                ? settings.instanceFate(definition.vmSize()) : null;
        return new StoredCompute(workspace.key(), name, definition, fate, now, now, creation, allocations,
                instanceFate);
    }

    /**
     * The size must be offered in the region of the nodes ({@code computeLocation}, else the workspace's), for
     * AmlCompute, and for low-priority nodes when those are asked: what {@code VirtualMachineSizes_List} says of it
     * there ({@link RegionSeed}, {@link ArmEmulatorBuilder#vmSizeComputeTypes}, {@code lowPriorityIncapable}).
     */
    private void requireOfferedInRegion(Workspace workspace, ComputeDefinition definition) {
        String region = definition.computeLocation() != null ? definition.computeLocation() : workspace.location();
        VmSizeSpec spec = settings.vmSizes().spec(definition.vmSize()).orElse(null);
        boolean lowPriority = VmTier.ofPriority(definition.properties().path("vmPriority").asText(null))
                == VmTier.LOW_PRIORITY;
        if (spec == null || !settings.regions().region(region).offers(settings.vmSizes(), definition.vmSize())
                || !spec.supportedComputeTypes().contains(ArmComputeType.AML_COMPUTE.wireName())
                || (lowPriority && !spec.lowPriorityCapable())) {
            throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("VmSizeNotSupported",
                    "VM size '" + definition.vmSize() + "' is not supported for AmlCompute"
                            + (lowPriority ? " LowPriority nodes" : "") + " in region '" + region + "'. See "
                            + "locations/" + RegionCatalog.normalized(region) + "/vmSizes for the sizes offered there.",
                    "properties.properties.vmSize"));
        }
    }

    /** Core quota is checked for the whole cluster: vCPUs of the size times maxNodeCount. */
    private ArmError quotaFailure(ComputeDefinition definition) {
        if (!settings.quotaExceeded(definition.vmSize())) {
            return null;
        }
        int vCpus = settings.vmSizes().vCpus(definition.vmSize()).orElse(1);
        int requested = vCpus * Math.max(1, definition.scale().maxNodeCount());
        return ArmError.of("QuotaExceeded", "Operation results in exceeding quota limits of Core. Maximum allowed: 0, "
                + "Current in use: 0, Additional requested: " + requested + ".");
    }

    /**
     * The error of a compute instance configured to end CreateFailed. Code and wording are illustrative (the contract
     * gives only the ErrorResponse shape), in the service's style ("Azure ML Compute Instance X ...").
     */
    private ArmError instanceCreationFailure(String name, ComputeDefinition definition) {
        if (settings.instanceFate(definition.vmSize()) != InstanceFate.CREATE_FAILS) {
            return null;
        }
        return ArmError.of("ComputeInstanceCreateFailed", "The specified Azure ML Compute Instance " + name
                + " failed to be created on VM size " + definition.vmSize() + ": no capacity could be allocated. Delete"
                + " it and create it again, or choose another VM size.");
    }

    /**
     * A provisioningErrors entry for an attach configured to fail. The code and message are illustrative (the
     * contract gives only the ErrorResponse shape, not the codes an attach fails with), written like ARM's own.
     */
    private ArmError attachFailure(ComputeDefinition definition) {
        if (!settings.attachFails(definition.resourceId())) {
            return null;
        }
        return ArmError.of("AttachFailed", "Failed to attach " + definition.computeType().wireName() + " compute '"
                + definition.resourceId() + "': the workspace could not reach the target resource. Check that it "
                + "is running and that the workspace's identity may access it, then detach and attach again.");
    }

    /** The pool moves to {@code minNodeCount}; a resize that changes nothing takes no time. */
    private NodeAllocation resize(int fromNodes, ScaleSettings scale, Instant start) {
        int toNodes = scale.minNodeCount();
        Instant end = fromNodes == toNodes ? start : start.plus(settings.nodeAllocationTime());
        // Only nodes that were added need preparing.
        return new NodeAllocation(fromNodes, toNodes, start, end,
                toNodes > fromNodes ? end.plus(settings.nodePreparationTime()) : end);
    }

    private static String emulatedTypes(ComputeContract contract) {
        return String.join(", ", java.util.Arrays.stream(ArmComputeType.values()).filter(contract::emulates)
                .map(ArmComputeType::wireName).toList());
    }

    /** The required {@code underlyingResourceAction} query parameter of DELETE. */
    enum UnderlyingResourceAction {
        DELETE, DETACH;

        static UnderlyingResourceAction from(IncomingRequest request) {
            String value = request.queryParameter("underlyingResourceAction").orElseThrow(() -> new ArmRefusal(
                    HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("MissingRequiredParameter",
                            "The query parameter 'underlyingResourceAction' is required: Delete removes a compute "
                                    + "Azure ML created, Detach unlinks an attached one.", "underlyingResourceAction")));
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("InvalidParameterValue",
                        "underlyingResourceAction must be Delete or Detach, got '" + value + "'.",
                        "underlyingResourceAction"));
            }
        }

        /** Delete is for computes Azure ML created, Detach for attached ones (contract notes section 4). */
        void checkFits(StoredCompute compute) {
            boolean attached = compute.definition().attached();
            if (this == DETACH && !attached) {
                throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("InvalidUnderlyingResourceAction",
                        "Compute '" + compute.name() + "' was created by Azure ML (isAttachedCompute false): delete it "
                                + "with underlyingResourceAction=Delete; Detach applies to attached compute only.",
                        "underlyingResourceAction"));
            }
            if (this == DELETE && attached) {
                throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("InvalidUnderlyingResourceAction",
                        "Compute '" + compute.name() + "' is attached (isAttachedCompute true): detach it with "
                                + "underlyingResourceAction=Detach; the emulator does not delete resources the "
                                + "workspace does not own.", "underlyingResourceAction"));
            }
        }
    }
}
