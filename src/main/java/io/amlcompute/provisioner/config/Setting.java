package io.amlcompute.provisioner.config;

/**
 * Every app setting the function app reads, with its default. This list is the contract with the
 * infrastructure: {@code local.settings.json} and the Bicep app settings must name each of them (a test checks).
 */
public enum Setting {
    /** Connection string; the local run only. In Azure, the identity-based settings below are used instead. */
    SERVICE_BUS_CONNECTION_STRING("ServiceBusConnection", null, Scope.LOCAL),
    /** {@code <namespace>.servicebus.windows.net}: identity-based connection, as the Functions host reads it. */
    SERVICE_BUS_NAMESPACE("ServiceBusConnection__fullyQualifiedNamespace", null, Scope.AZURE),
    /** {@code managedidentity} in Azure. */
    SERVICE_BUS_CREDENTIAL("ServiceBusConnection__credential", null, Scope.AZURE),
    /** Client id of the user-assigned identity used for Service Bus. */
    SERVICE_BUS_CLIENT_ID("ServiceBusConnection__clientId", null, Scope.AZURE),
    COMPUTE_REQUESTS_QUEUE("COMPUTE_REQUESTS_QUEUE", EntityNames.REQUESTS_QUEUE),
    COMPUTE_EVENTS_TOPIC("COMPUTE_EVENTS_TOPIC", EntityNames.EVENTS_TOPIC),
    /** The only queue a request's ReplyTo may name; others are ignored (the event still goes to the topic). */
    COMPUTE_REPLIES_QUEUE("COMPUTE_REPLIES_QUEUE", EntityNames.REPLIES_QUEUE),
    /** ARM endpoint; an {@code http://} loopback endpoint is accepted only with {@code ARM_AUTH=none}. */
    ARM_ENDPOINT("ARM_ENDPOINT", "https://management.azure.com"),
    ARM_API_VERSION("ARM_API_VERSION", "2025-12-01"),
    /** {@code managedidentity} (DefaultAzureCredential) or {@code none} (loopback emulators only). */
    ARM_AUTH("ARM_AUTH", "managedidentity"),
    /** Client id of the user-assigned managed identity used for ARM and Key Vault. */
    AZURE_CLIENT_ID("AZURE_CLIENT_ID", null, Scope.AZURE),
    /** Comma-separated {@code subscriptionId/resourceGroup/workspaceName}; empty refuses every request. */
    POLICY_ALLOWED_WORKSPACES("POLICY_ALLOWED_WORKSPACES", ""),
    /** Comma-separated glob patterns, case-insensitive. */
    POLICY_ALLOWED_VM_SIZES("POLICY_ALLOWED_VM_SIZES", "*"),
    POLICY_MAX_NODES_PER_CLUSTER("POLICY_MAX_NODES_PER_CLUSTER", "100"),
    /** Comma-separated: Dedicated, LowPriority. */
    POLICY_ALLOWED_PRIORITIES("POLICY_ALLOWED_PRIORITIES", "Dedicated,LowPriority"),
    /** Comma-separated glob patterns over Key Vault host names; {@code local} allows the local store. */
    POLICY_ALLOWED_SECRET_STORES("POLICY_ALLOWED_SECRET_STORES", "*.vault.azure.net"),
    /**
     * Comma-separated ARM ids of the subnets AmlCompute clusters may join ({@code compute.subnet}); empty refuses
     * every subnet. The Bicep grants the app the join right on exactly these subnets.
     */
    POLICY_ALLOWED_SUBNETS("POLICY_ALLOWED_SUBNETS", ""),
    /** The longest {@code options.timeout} a request may ask for (ISO-8601). */
    POLICY_MAX_TIMEOUT("POLICY_MAX_TIMEOUT", "P1D"),
    /**
     * The longest a lease may hold a compute from now (ISO-8601): {@code options.lease.duration}, and the expiry a
     * renewal reaches.
     */
    POLICY_MAX_LEASE("POLICY_MAX_LEASE", "P7D"),
    /** How long before a lease ends its {@code lease.expiring} event is published (ISO-8601). */
    LEASE_WARNING("LEASE_WARNING", "PT15M"),
    /** Deadline for requests without {@code options.timeout} (ISO-8601). */
    DEFAULT_TIMEOUT("DEFAULT_TIMEOUT", "PT30M"),
    /**
     * The largest request body. 256,000: Service Bus Standard's 262,144-byte limit counts the whole message, so
     * 6,144 bytes are left for its properties and AMQP framing (a body near the full limit would pass validation
     * and then be refused on send).
     */
    MAX_REQUEST_BYTES("MAX_REQUEST_BYTES", "256000"),
    /**
     * {@code true} makes every request's region pre-flight {@code enforce}, whatever its {@code options.preflight}
     * says: no request is written without its VM size offered and its cores available.
     */
    PREFLIGHT_FORCE_ENFORCE("PREFLIGHT_FORCE_ENFORCE", "false"),
    /**
     * How long the pre-flight uses what it read for a subscription and region (VM sizes, usages, quotas) before it
     * reads again (ISO-8601); {@code PT0S} reads for every request. Each read costs ARM read budget.
     */
    PREFLIGHT_CACHE_TTL("PREFLIGHT_CACHE_TTL", "PT1M"),
    /**
     * When {@code AnswerUndeliverableRequests} looks at the requests queue's dead-letter queue: an NCRONTAB
     * expression ({@code second minute hour day month day-of-week}, UTC). The timer trigger reads it as
     * {@code %UNDELIVERABLE_REQUESTS_SCHEDULE%}, so it must be set wherever the app runs.
     */
    UNDELIVERABLE_REQUESTS_SCHEDULE("UNDELIVERABLE_REQUESTS_SCHEDULE", "0 */5 * * * *"),
    /**
     * Where the learned provisioning durations are kept (JSON) so they survive restarts; the local run only. In
     * Azure each instance learns in memory (see docs/benchmarks.md).
     */
    LEARNED_DURATIONS_FILE("LEARNED_DURATIONS_FILE", null, Scope.LOCAL),
    /**
     * How long provisioning takes where the app runs, before anything was learned (ISO-8601). The local run sets
     * it to its ARM emulator's provisioning time; unset, Azure's typical durations per action and type apply.
     */
    EXPECTED_PROVISIONING_TIME("EXPECTED_PROVISIONING_TIME", null, Scope.LOCAL),
    /** Path of the local secret store (JSON); the local run only. */
    LOCAL_SECRETS_FILE("LOCAL_SECRETS_FILE", null, Scope.LOCAL),
    /** Comma-separated glob patterns, case-insensitive: the VM sizes a compute instance may have. */
    POLICY_ALLOWED_INSTANCE_VM_SIZES("POLICY_ALLOWED_INSTANCE_VM_SIZES", "*"),
    /** {@code true} or {@code false}: whether a compute instance may have a public IP ({@code enableNodePublicIp}). */
    POLICY_ALLOW_INSTANCE_PUBLIC_IP("POLICY_ALLOW_INSTANCE_PUBLIC_IP", "true"),
    /** {@code true} or {@code false}: whether a compute instance may open public SSH; Azure ML's default is closed. */
    POLICY_ALLOW_INSTANCE_SSH("POLICY_ALLOW_INSTANCE_SSH", "false"),
    /** The longest idle time before a compute instance is shut down (ISO-8601, PT15M to P3D). */
    POLICY_MAX_INSTANCE_IDLE_TIME("POLICY_MAX_INSTANCE_IDLE_TIME", "PT4H");

    private final String key;
    private final String defaultValue;
    private final Scope scope;

    Setting(String key, String defaultValue) {
        this(key, defaultValue, Scope.EVERYWHERE);
    }

    Setting(String key, String defaultValue, Scope scope) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.scope = scope;
    }

    /** Where the setting must be configured: local.settings.json, the Bicep app settings, or both. */
    public Scope scope() {
        return scope;
    }

    /** Where a setting belongs. */
    public enum Scope {
        /** In Azure and in the local run. */
        EVERYWHERE,
        /** Identity-based settings that only make sense in Azure. */
        AZURE,
        /** Settings of the local run (emulator connection string, local secret store). */
        LOCAL
    }

    /** The app setting's name, as it appears in local.settings.json and the Bicep. */
    public String key() {
        return key;
    }

    /** Null when the setting has no default. */
    public String defaultValue() {
        return defaultValue;
    }
}
