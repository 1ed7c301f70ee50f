package io.amlcompute.provisioner.config;

import io.amlcompute.provisioner.contract.ArmResourceId;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.WireNamed;
import io.amlcompute.provisioner.contract.validation.InstancePolicy;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestPolicy;
import io.amlcompute.provisioner.provisioning.preflight.PreflightPolicy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one settings reader: app settings (environment variables in Azure Functions) turned into typed values.
 * A bad value fails fast with the setting's name in the message. Immutable and thread-safe.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    public static Settings of(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>();
        values.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return new Settings(copy);
    }

    /** These settings with some values replaced. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return of(merged);
    }

    /** The value, or the setting's default; empty when neither exists. Blank values count as unset. */
    public Optional<String> find(Setting setting) {
        String value = values.get(setting.key());
        if (value == null || value.isBlank()) {
            return Optional.ofNullable(setting.defaultValue());
        }
        return Optional.of(value.trim());
    }

    public String get(Setting setting) {
        return find(setting).orElseThrow(() -> new SettingsException(setting, "is required but not set"));
    }

    public int getInt(Setting setting) {
        String value = get(setting);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SettingsException(setting, "must be a whole number, got '" + value + "'");
        }
    }

    public Duration getDuration(Setting setting) {
        String value = get(setting);
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new SettingsException(setting, "must be an ISO-8601 duration such as PT30M, got '" + value + "'");
        }
    }

    /** Comma-separated values, trimmed, empty entries dropped. */
    public List<String> getList(Setting setting) {
        return Arrays.stream(find(setting).orElse("").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public RequestDefaults requestDefaults() {
        return new RequestDefaults(getPositiveDuration(Setting.DEFAULT_TIMEOUT),
                getPositiveInt(Setting.MAX_REQUEST_BYTES));
    }

    public RequestPolicy requestPolicy() {
        Set<VmPriority> priorities = EnumSet.noneOf(VmPriority.class);
        for (String name : getList(Setting.POLICY_ALLOWED_PRIORITIES)) {
            priorities.add(WireNamed.lookup(VmPriority.class, name).orElseThrow(() -> new SettingsException(
                    Setting.POLICY_ALLOWED_PRIORITIES, "holds '" + name + "'; use " + WireNamed.wireNames(VmPriority.class))));
        }
        Set<String> workspaces = getList(Setting.POLICY_ALLOWED_WORKSPACES).stream().peek(w -> {
            if (w.split("/", -1).length != 3) {
                throw new SettingsException(Setting.POLICY_ALLOWED_WORKSPACES,
                        "holds '" + w + "'; write subscriptionId/resourceGroup/workspaceName");
            }
        }).collect(Collectors.toSet());
        Set<String> subnets = getList(Setting.POLICY_ALLOWED_SUBNETS).stream().peek(id -> {
            if (ArmResourceId.parse(id).filter(r -> r.isOfType("Microsoft.Network/virtualNetworks/subnets")).isEmpty()) {
                throw new SettingsException(Setting.POLICY_ALLOWED_SUBNETS, "holds '" + id + "'; write subnet ids"
                        + " /subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…/subnets/…");
            }
        }).collect(Collectors.toSet());
        return new RequestPolicy(workspaces, getList(Setting.POLICY_ALLOWED_VM_SIZES),
                getPositiveInt(Setting.POLICY_MAX_NODES_PER_CLUSTER), priorities,
                getList(Setting.POLICY_ALLOWED_SECRET_STORES), getPositiveDuration(Setting.POLICY_MAX_TIMEOUT), subnets,
                getPositiveDuration(Setting.POLICY_MAX_LEASE), instancePolicy());
    }

    /** The rules for compute instances; a bad value names its setting. */
    private InstancePolicy instancePolicy() {
        Duration maxIdle = getPositiveDuration(Setting.POLICY_MAX_INSTANCE_IDLE_TIME);
        try {
            return new InstancePolicy(getList(Setting.POLICY_ALLOWED_INSTANCE_VM_SIZES),
                    getBoolean(Setting.POLICY_ALLOW_INSTANCE_PUBLIC_IP), getBoolean(Setting.POLICY_ALLOW_INSTANCE_SSH),
                    maxIdle);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(Setting.POLICY_MAX_INSTANCE_IDLE_TIME, "must be from PT15M to P3D (Azure ML's"
                    + " idle shutdown bounds), got '" + find(Setting.POLICY_MAX_INSTANCE_IDLE_TIME).orElse("") + "'");
        }
    }

    private boolean getBoolean(Setting setting) {
        String value = get(setting);
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new SettingsException(setting, "must be true or false, got '" + value + "'");
    }

    /** The pre-flight's settings: {@code PREFLIGHT_FORCE_ENFORCE} and {@code PREFLIGHT_CACHE_TTL}. */
    public PreflightPolicy preflightPolicy() {
        String force = find(Setting.PREFLIGHT_FORCE_ENFORCE).orElse("false").trim().toLowerCase(Locale.ROOT);
        if (!force.equals("true") && !force.equals("false")) {
            throw new SettingsException(Setting.PREFLIGHT_FORCE_ENFORCE, "must be true or false, got '" + force + "'");
        }
        Duration ttl = getDuration(Setting.PREFLIGHT_CACHE_TTL);
        if (ttl.isNegative()) {
            throw new SettingsException(Setting.PREFLIGHT_CACHE_TTL, "must not be negative, got '" + ttl + "'");
        }
        return new PreflightPolicy(force.equals("true"), ttl);
    }

    // Zero or negative limits would refuse every request (or give every request a deadline already passed), and
    // the records' own checks would not name the app setting to fix.
    private int getPositiveInt(Setting setting) {
        int value = getInt(setting);
        if (value < 1) {
            throw new SettingsException(setting, "must be at least 1, got '" + value + "'");
        }
        return value;
    }

    /** How long before a lease ends its warning event goes out. */
    public Duration leaseWarning() {
        return getPositiveDuration(Setting.LEASE_WARNING);
    }

    private Duration getPositiveDuration(Setting setting) {
        Duration value = getDuration(setting);
        if (value.isNegative() || value.isZero()) {
            throw new SettingsException(setting, "must be a positive duration, got '" + find(setting).orElse("") + "'");
        }
        return value;
    }

    /** A setting with a value that cannot be used. The message names the setting, never a secret. */
    public static final class SettingsException extends IllegalStateException {
        public SettingsException(Setting setting, String problem) {
            super("App setting " + Objects.requireNonNull(setting).key() + " " + problem + ".");
        }
    }
}
