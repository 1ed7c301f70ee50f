/**
 * The ARM emulator: an embedded HTTP(S) server that speaks the Azure Machine Learning
 * {@code workspaces/computes} REST API as management.azure.com would, in every published stable api-version
 * ({@code ComputeApiVersion}, 2018-11-19 to 2026-07-01, each request checked against and answered in its own version's
 * shape: {@code ContractFeature}, {@code ComputeContract}, {@code ResponseShape}), for the ARM gateway's tests, the
 * local stack, benchmarks and the official SDKs of other languages (docs/local/arm-emulator.md). Start one with
 * {@link io.amlcompute.provisioner.local.arm.ArmEmulator#builder()}.
 *
 * <p>It also answers GET on a seeded workspace (Workspaces_Get, {@code WorkspaceJson}): clients read the workspace's
 * region there, because every compute's envelope {@code location} must be that region.
 *
 * <p>And the region lists the pre-flight reads (VirtualMachineSizes_List, Usages_List, Quotas_List under
 * {@code /subscriptions/{s}/providers/Microsoft.MachineLearningServices/locations/{region}}, 2025-12-01):
 * {@code RegionRoute} → {@code RegionReads} (method, api-version, subscription, the caller's rights) → {@code RegionJson}
 * from the seeded regions ({@code RegionSeed}, {@code RegionQuotas}) and the usage of the clusters and compute
 * instances held ({@code RegionUsage}: an instance is one dedicated node while its VM is allocated), in the layout of
 * the spec's examples. {@code QuotaGate} decides, when a resize up is decided, whether the quota left holds it; a resize it cannot hold runs, then leaves the pool Steady below target with a node
 * error in Azure ML's wording (contract notes section 7: quota is consumed when nodes are allocated).
 *
 * <p>How a request travels: {@code ArmHttpHandler} (faults, request log, wire) → {@code ArmRouter} (bearer check,
 * path, api-version by {@code ApiVersionCheck}, seeded workspace) → {@code ComputeCommands} (PUT/PATCH/DELETE
 * decisions), {@code ComputeQueries} (GET/list), {@code ComputeActionEndpoints} (POST listKeys, listNodes, start,
 * stop, restart: {@code ComputeListings}, {@code InstancePowerCommands}) or {@code OperationEndpoints} (LRO polling),
 * each with the
 * {@code ComputeContract} of the request's api-version. Bodies are checked by {@code PutBodyRules} and
 * {@code PatchBodyRules} against shapes derived from the OpenAPI per version ({@code ComputeResourceShapes},
 * {@code ComputeTypeShapes}); responses are cut to the version by {@code ResponseShape}. State lives in {@code ComputeLedger} (and {@code LedgerFile}); what a compute looks
 * like at an instant is computed by {@code ComputeTimeline} from the injected clock, so nothing runs in the
 * background.
 *
 * <h2>Error codes</h2>
 * The contract enumerates no error codes; these are the emulator's, ARM's own where ARM has one. Every error body is
 * {@code {"error":{"code","message","target","details"}}}. Clients should branch on status and code, never on text.
 * <table>
 *   <caption>Errors the emulator answers</caption>
 *   <tr><th>status</th><th>code</th><th>when</th></tr>
 *   <tr><td>400</td><td>MissingApiVersionParameter, NoRegisteredProviderFound</td><td>api-version absent, or not
 *       a published stable version the emulator accepts (ARM's sentence with the supported versions and locations;
 *       target {@code api-version})</td></tr>
 *   <tr><td>400</td><td>InvalidResourceName</td><td>compute name breaks the 3–24 character rule (target
 *       {@code computeName})</td></tr>
 *   <tr><td>400</td><td>InvalidRequestContent</td><td>body empty, not JSON, or breaking the contract: one detail per
 *       violation of the request's api-version's contract, target = JSON path, detail codes MissingRequiredProperty, MissingDiscriminator,
 *       UnknownComputeType, InvalidPropertyType, InvalidEnumValue, ReadOnlyPropertyNotAllowed, InvalidDuration,
 *       UnknownProperty, InvalidPropertyValue</td></tr>
 *   <tr><td>400</td><td>ComputeTypeNotSupportedByEmulator</td><td>AKS, DataFactory, DataLakeAnalytics; ComputeInstance
 *       in any api-version but 2025-12-01 and 2026-07-01</td></tr>
 *   <tr><td>400</td><td>VmSizeNotSupported</td><td>AmlCompute or ComputeInstance VM size not in the allowed list, or
 *       (AmlCompute) not offered in the region of the nodes, for AmlCompute, for LowPriority nodes</td></tr>
 *   <tr><td>400</td><td>NoRegisteredProviderFound</td><td>a region list read in another api-version than
 *       {@value io.amlcompute.provisioner.local.arm.ArmEmulator#DEFAULT_API_VERSION}</td></tr>
 *   <tr><td>400</td><td>UserError</td><td>an SSH key in a ComputeInstance PUT on someone's behalf ("Setting SSH key at
 *       creation time is not allowed ..."); start, stop, restart or listNodes of a type that has no such action
 *       ("Compute&lt;Action&gt; with computeType ... is not supported.")</td></tr>
 *   <tr><td>400</td><td>StartComputeInstanceOnlyAllowedInStoppedState, StopComputeInstanceOnlyAllowedInRunningState,
 *       RestartComputeInstanceOnlyAllowedInRunningState</td><td>a power action the instance's state does not allow (the
 *       first is the service's, the other two the emulator's by analogy)</td></tr>
 *   <tr><td>400</td><td>InvalidResourceLocation</td><td>PUT whose envelope {@code location} is not the workspace's
 *       region (target {@code location}); the compute's own region belongs in {@code properties.computeLocation}</td></tr>
 *   <tr><td>400</td><td>InvalidAttachTarget, AttachTargetNotFound</td><td>attach {@code resourceId} of the wrong
 *       provider/type, or not seeded</td></tr>
 *   <tr><td>400</td><td>UpdateNotSupported</td><td>PATCH of a compute other than AmlCompute</td></tr>
 *   <tr><td>400</td><td>MissingRequiredParameter, InvalidParameterValue</td><td>DELETE without or with a bad
 *       {@code underlyingResourceAction}; a bad {@code $skip}</td></tr>
 *   <tr><td>400</td><td>InvalidUnderlyingResourceAction</td><td>Detach of a created compute, Delete of an attached
 *       one</td></tr>
 *   <tr><td>400</td><td>OperationNotSupportedByEmulator</td><td>a compute action that only preview api-versions have
 *       (updateIdleShutdownSetting, resize, ...)</td></tr>
 *   <tr><td>401</td><td>AuthenticationFailed, InvalidAuthenticationToken</td><td>bearer token missing or wrong (with
 *       {@code WWW-Authenticate: Bearer ...})</td></tr>
 *   <tr><td>403</td><td>Forbidden</td><td>"Invalid access token": wrong Databricks token on attach</td></tr>
 *   <tr><td>403</td><td>AuthorizationFailed</td><td>a region list read whose action the caller lacks
 *       ({@code withoutPermission})</td></tr>
 *   <tr><td>404</td><td>SubscriptionNotFound, ResourceGroupNotFound, ParentResourceNotFound</td><td>workspace not
 *       seeded (the first missing level); a region list read of a subscription without a seeded workspace</td></tr>
 *   <tr><td>404</td><td>ResourceNotFound</td><td>unknown compute or operation</td></tr>
 *   <tr><td>404, 405</td><td>NotFound, MethodNotAllowed</td><td>path outside the API; method the path does not
 *       serve</td></tr>
 *   <tr><td>409</td><td>ComputeAlreadyExists</td><td>PUT on an existing compute ("Compute with this name already
 *       exists")</td></tr>
 *   <tr><td>409</td><td>Conflict</td><td>any write or power action while a create, update, delete, start, stop or
 *       restart of the compute runs ("another operation on same entity is already running")</td></tr>
 *   <tr><td>409</td><td>ComputeInFailedState</td><td>PATCH of a compute whose provisioning failed</td></tr>
 *   <tr><td>413</td><td>RequestEntityTooLarge</td><td>body over 4 MB</td></tr>
 *   <tr><td>429, 500, 503</td><td>SubscriptionRequestsThrottled, InternalServerError, ServiceUnavailable</td>
 *       <td>injected faults</td></tr>
 *   <tr><td>any 4xx, 5xx</td><td>the rule's code</td><td>injected error answer, e.g. a synchronous quota refusal</td></tr>
 *   <tr><td>none</td><td>(connection closed)</td><td>injected {@code dropConnection} (nothing carried out) or
 *       {@code loseResponse} (carried out, e.g. a PUT stored, then no answer: a lost reply or a client that died)</td></tr>
 * </table>
 * Inside resources: {@code provisioningErrors[].error.code} QuotaExceeded (AmlCompute provisioning failed),
 * ComputeInstanceCreateFailed (an instance of {@code instanceCreateFailsFor}, also in its {@code errors}) or
 * AttachFailed (an attach of a target set with {@code attachFailsFor} failed), a ComputeInstance's
 * {@code properties.properties.errors[].error.code} ComputeInstanceUnusable ({@code instanceUnusableFor}), AmlCompute
 * {@code properties.properties.errors[].error.code} NodeSetupFailed (nodes unusable, {@code nodeSetupFailsFor}) or
 * QuotaExceeded (a resize blocked by quota: by {@code resizeBlockedFor}, or by the region's seeded quotas, with Azure ML's
 * "The specified subscription has a … vCPU quota of …" wording); a failed operation's status carries the same error.
 *
 * <h2>Compute instance states</h2>
 * {@code InstanceTimeline}: Creating, then Running (CreateFailed or Unusable as seeded); stop: Stopping, Stopped; start:
 * Starting, Running; restart: Restarting, Running; delete: Deleting, gone; each power action takes
 * {@code instancePowerTime}. {@code state}, {@code lastOperation} and {@code errors} are always shown, the
 * {@code connectivityEndpoints} and {@code applications} only while Running ({@code InstanceResourceJson}).
 *
 * <h2>Secrets</h2>
 * Never in a GET, the request log or the ledger file; an attach's credentials are kept in memory only, for listKeys
 * ({@code AttachSecrets}).
 *
 * <h2>Node states</h2>
 * Steady is not usable ({@code NodeFate}, {@code ComputeTimeline}): nodes read {@code preparing} for
 * {@code nodePreparationTime} after a resize; {@code nodeSetupFailsFor} leaves them {@code unusable} with an error;
 * {@code preemptsNodesFor} leaves a LowPriority cluster's nodes {@code preempted}; {@code resizeBlockedFor} returns a
 * resize up to Steady below target with an error. {@code currentNodeCount} counts nodes in every state.
 */
package io.amlcompute.provisioner.local.arm;
