package io.amlcompute.provisioner.contract.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.AdminUser;
import io.amlcompute.provisioner.contract.ArmNames;
import io.amlcompute.provisioner.contract.ArmResourceId;
import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.DeleteCompute;
import io.amlcompute.provisioner.contract.DetachCompute;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.IdentityType;
import io.amlcompute.provisioner.contract.InstancePowerChange;
import io.amlcompute.provisioner.contract.ManagedIdentity;
import io.amlcompute.provisioner.contract.OsType;
import io.amlcompute.provisioner.contract.RemoteLoginPortPublicAccess;
import io.amlcompute.provisioner.contract.ReservedTags;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.WireNamed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code $.compute} for each action; the attach kinds are {@link AttachTargetReader}'s, a compute instance's
 * settings {@link InstanceSectionReader}'s.
 */
final class ComputeSectionReader {

    static final Pattern VM_SIZE = Pattern.compile("^[A-Za-z0-9_]{1,64}$");
    private static final Pattern LOCATION = Pattern.compile("^[A-Za-z0-9]{2,64}$");
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]{0,63}$");
    private static final Pattern DESCRIPTION = Pattern.compile("^[^\\p{Cntrl}]{0,512}$");
    private static final Pattern TAG_KEY = Pattern.compile("^[^<>%&\\\\?/\\p{Cntrl}]{1,512}$");
    private static final Pattern TAG_VALUE = Pattern.compile("^[^\\p{Cntrl}]{0,256}$");
    /** The Azure ML SDK's default for idle_seconds_before_scaledown. */
    static final int DEFAULT_IDLE_SECONDS = 1800;
    private static final int MAX_IDLE_SECONDS = 30 * 24 * 3600;

    private final ObjectFields compute;
    private final RequestParser.Context context;
    private final Problems problems;

    ComputeSectionReader(ObjectFields compute, RequestParser.Context context) {
        this.compute = compute;
        this.context = context;
        this.problems = compute.problems();
    }

    /** Reads the section for {@code action}; null when anything is wrong (the problems say what). */
    ComputeOperation read(Action action) {
        String name = readName();
        context.computeName = name;
        ComputeType type = readType(action);
        if (action == null || (type == null && typeRequired(action))) {
            // Without the action or the type, the type-specific fields cannot be told from unknown ones.
            return null;
        }
        ComputeOperation operation = switch (action) {
            case ENSURE -> type == ComputeType.COMPUTE_INSTANCE
                    ? new InstanceSectionReader(this, compute).read(name) : readEnsure(name);
            case ATTACH -> readAttach(name, type);
            case UPDATE -> readUpdate(name);
            case DETACH -> name == null ? null : new DetachCompute(name, type);
            case DELETE -> name == null || type == null ? null : new DeleteCompute(name, type);
            case START, STOP, RESTART -> name == null || type == null ? null : new InstancePowerChange(name, action);
            case RENEW, RELEASE, CANCEL -> throw new IllegalArgumentException(action + " has no compute section");
        };
        compute.finish();
        return operation;
    }

    private String readName() {
        String name = compute.string("name", true);
        if (name != null && !ArmNames.isComputeName(name)) {
            problems.add(ReasonCode.INVALID_COMPUTE_NAME, compute.pathOf("name"), compute.pathOf("name") + " "
                    + Problems.quote(name) + " is not a compute name: 3 to 24 letters, digits or '-', starting"
                    + " with a letter and not ending in '-' followed by digits.");
            return null;
        }
        return name;
    }

    private static boolean typeRequired(Action action) {
        return action == Action.ENSURE || action == Action.ATTACH;
    }

    private ComputeType readType(Action action) {
        String wire = compute.string("type", typeRequired(action));
        if (wire == null) {
            if (compute.has("type")) {
                return null;
            }
            return action == null ? null : switch (action) {
                case UPDATE, DELETE -> ComputeType.AML_COMPUTE;
                case START, STOP, RESTART -> ComputeType.COMPUTE_INSTANCE;
                case ENSURE, ATTACH, DETACH, RENEW, RELEASE, CANCEL -> null;
            };
        }
        Optional<ComputeType> type = WireNamed.lookup(ComputeType.class, wire);
        if (type.isEmpty()) {
            problems.add(ReasonCode.UNKNOWN_COMPUTE_TYPE, compute.pathOf("type"), compute.pathOf("type") + " "
                    + Problems.quote(wire) + " is not a compute type; use one of: "
                    + WireNamed.wireNames(ComputeType.class) + " (case-sensitive).");
            return null;
        }
        context.computeType = type.get();
        if (action != null && !fits(action, type.get())) {
            problems.add(ReasonCode.TYPE_NOT_ALLOWED_FOR_ACTION, compute.pathOf("type"),
                    compute.pathOf("type") + " " + type.get().wireName() + " does not fit action "
                            + action.wireName() + ": " + fitHint(action));
            return null;
        }
        return type.get();
    }

    static boolean fits(Action action, ComputeType type) {
        return switch (action) {
            case ENSURE, DELETE -> !type.attachable();
            case UPDATE -> type == ComputeType.AML_COMPUTE;
            case ATTACH, DETACH -> type.attachable();
            case START, STOP, RESTART -> type == ComputeType.COMPUTE_INSTANCE;
            case RENEW, RELEASE, CANCEL -> false;
        };
    }

    private static String fitHint(Action action) {
        return switch (action) {
            case ENSURE -> "ensure creates managed AmlCompute clusters and compute instances; use attach for existing"
                    + " compute.";
            case UPDATE -> "update changes the scale settings of an AmlCompute cluster (ARM's PATCH changes nothing"
                    + " else).";
            case DELETE -> "delete removes a managed AmlCompute cluster or compute instance; use detach for attached"
                    + " compute.";
            case START, STOP, RESTART -> action.wireName() + " applies to a ComputeInstance only (ARM's Compute_"
                    + (action == Action.START ? "Start" : action == Action.STOP ? "Stop" : "Restart")
                    + " is an action \"to a compute instance\"); a cluster scales with update.";
            case ATTACH -> "attach brings existing Databricks, VirtualMachine, Kubernetes, HDInsight or"
                    + " SynapseSpark compute; use ensure for AmlCompute.";
            case DETACH -> "detach unlinks attached compute; use delete for AmlCompute and ComputeInstance.";
            case RENEW, RELEASE, CANCEL -> "a control request names no compute.";
        };
    }

    private EnsureAmlCompute readEnsure(String name) {
        String vmSize = compute.string("vmSize", true, VM_SIZE, ReasonCode.INVALID_VALUE,
                "a VM size name such as Standard_DS3_v2.");
        VmPriority priority = compute.enumValue("vmPriority", VmPriority.class, false);
        ScaleSettings scale = readScale(true);
        String location = readLocation();
        String subnet = readResourceId("subnet", false, List.of("Microsoft.Network/virtualNetworks/subnets"));
        ManagedIdentity identity = readIdentity();
        OsType osType = compute.enumValue("osType", OsType.class, false);
        RemoteLoginPortPublicAccess remoteLogin =
                compute.enumValue("remoteLoginPortPublicAccess", RemoteLoginPortPublicAccess.class, false);
        Boolean publicIp = compute.bool("enableNodePublicIp");
        AdminUser admin = readAdminUser(compute, false, true);
        Map<String, String> tags = readTags();
        String description = readDescription();
        if (name == null || vmSize == null || scale == null || !problemsFree()) {
            return null;
        }
        return new EnsureAmlCompute(name, vmSize, priority == null ? VmPriority.DEDICATED : priority, scale,
                location, subnet, identity, osType == null ? OsType.LINUX : osType,
                remoteLogin == null ? RemoteLoginPortPublicAccess.NOT_SPECIFIED : remoteLogin,
                publicIp == null || publicIp, admin, tags, description);
    }

    private UpdateScaleSettings readUpdate(String name) {
        boolean idleGiven = compute.has("idleSecondsBeforeScaleDown");
        ScaleSettings scale = readScale(false);
        if (name == null || scale == null || !problemsFree()) {
            return null;
        }
        return new UpdateScaleSettings(name, scale, idleGiven);
    }

    private AttachCompute readAttach(String name, ComputeType type) {
        AttachTarget target = new AttachTargetReader(this, compute).read(type);
        refuseLocation(type);
        ManagedIdentity identity = readIdentity();
        String description = readDescription();
        if (name == null || target == null || !problemsFree()) {
            return null;
        }
        return new AttachCompute(name, target, identity, description);
    }

    private ScaleSettings readScale(boolean ensure) {
        Integer min = compute.integer("minNodes", false, 0, RequestParser.MAX_NODES);
        Integer max = compute.integer("maxNodes", true, 1, RequestParser.MAX_NODES);
        Integer idle = compute.integer("idleSecondsBeforeScaleDown", false, 0, MAX_IDLE_SECONDS);
        int minNodes = min == null ? 0 : min;
        if (max != null && minNodes > max) {
            problems.add(ReasonCode.MIN_EXCEEDS_MAX, compute.pathOf("minNodes"), compute.pathOf("minNodes") + " ("
                    + minNodes + ") is more than " + compute.pathOf("maxNodes") + " (" + max + ").");
            return null;
        }
        if (max == null || (compute.has("minNodes") && min == null)
                || (compute.has("idleSecondsBeforeScaleDown") && idle == null)) {
            return null;
        }
        return new ScaleSettings(minNodes, max, Duration.ofSeconds(idle == null ? DEFAULT_IDLE_SECONDS : idle));
    }

    String readLocation() {
        return compute.string("location", false, LOCATION, ReasonCode.INVALID_VALUE,
                "an Azure region name such as westeurope.");
    }

    /**
     * Only AmlCompute has a region of its own ({@code properties.computeLocation}). The official clients drop a
     * location for any other type (azure-ai-ml's {@code ComputeOperations.begin_create_or_update}: "'Location' is
     * not supported for compute type ... and will not be used"); this app says so instead of ignoring it.
     */
    private void refuseLocation(ComputeType type) {
        refuseLocation(type == null ? "attach" : "an attached " + type.wireName(),
                "an attached compute stays where its resource is and is registered in the workspace's region");
    }

    /** LOCATION_NOT_SUPPORTED when {@code compute.location} is set for {@code what}, for the reason {@code why}. */
    void refuseLocation(String what, String why) {
        if (compute.value("location", false) != null) {
            problems.add(ReasonCode.LOCATION_NOT_SUPPORTED, compute.pathOf("location"), compute.pathOf("location")
                    + " cannot be set for " + what + ": " + why + ". Leave it out.");
        }
    }

    String readDescription() {
        return compute.string("description", false, DESCRIPTION, ReasonCode.INVALID_VALUE,
                "at most 512 characters, no control characters.");
    }

    /** An ARM resource id of one of {@code types}. */
    String readResourceId(String field, boolean required, List<String> types) {
        return checkResourceId(compute, field, compute.string(field, required), types);
    }

    String checkResourceId(ObjectFields fields, String field, String value, List<String> types) {
        if (value == null) {
            return null;
        }
        Optional<ArmResourceId> id = ArmResourceId.parse(value);
        if (id.isEmpty()) {
            problems.add(ReasonCode.INVALID_RESOURCE_ID, fields.pathOf(field), fields.pathOf(field) + " "
                    + Problems.quote(value) + " is not an ARM resource id (/subscriptions/{id}/resourceGroups/"
                    + "{group}/providers/{namespace}/{type}/{name}).");
            return null;
        }
        if (types.stream().noneMatch(id.get()::isOfType)) {
            problems.add(ReasonCode.WRONG_RESOURCE_TYPE, fields.pathOf(field), fields.pathOf(field)
                    + " points at a " + id.get().fullType() + "; expected " + String.join(" or ", types) + ".");
            return null;
        }
        return value;
    }

    ManagedIdentity readIdentity() {
        Optional<ObjectFields> maybe = compute.object("identity", false, "the identity");
        if (maybe.isEmpty()) {
            return null;
        }
        ObjectFields identity = maybe.get();
        IdentityType type = identity.enumValue("type", IdentityType.class, true);
        JsonNode ids = identity.value("userAssignedIdentities", false);
        List<String> userAssigned = new ArrayList<>();
        int before = problems.size();
        boolean needsIds = type == IdentityType.USER_ASSIGNED || type == IdentityType.SYSTEM_ASSIGNED_AND_USER_ASSIGNED;
        if (ids != null) {
            if (!ids.isArray()) {
                problems.add(ReasonCode.WRONG_TYPE, identity.pathOf("userAssignedIdentities"),
                        identity.pathOf("userAssignedIdentities") + " must be an array of identity resource ids.");
            } else {
                for (int i = 0; i < ids.size(); i++) {
                    String path = identity.pathOf("userAssignedIdentities") + "[" + i + "]";
                    JsonNode item = ids.get(i);
                    if (!item.isTextual()) {
                        problems.add(ReasonCode.WRONG_TYPE, path, path + " must be a string.");
                        continue;
                    }
                    Optional<ArmResourceId> id = ArmResourceId.parse(item.textValue());
                    if (id.isEmpty() || !id.get().isOfType("Microsoft.ManagedIdentity/userAssignedIdentities")) {
                        problems.add(ReasonCode.INVALID_RESOURCE_ID, path, path + " must be the resource id of a"
                                + " Microsoft.ManagedIdentity/userAssignedIdentities.");
                        continue;
                    }
                    userAssigned.add(item.textValue());
                }
            }
        }
        if (type != null && needsIds && ids == null) {
            problems.add(ReasonCode.MISSING_FIELD, identity.pathOf("userAssignedIdentities"),
                    identity.pathOf("userAssignedIdentities") + " is required for identity type " + type.wireName() + ".");
        } else if (type == IdentityType.SYSTEM_ASSIGNED && ids != null) {
            problems.add(ReasonCode.INVALID_VALUE, identity.pathOf("userAssignedIdentities"),
                    identity.pathOf("userAssignedIdentities") + " must be left out for identity type SystemAssigned.");
        } else if (needsIds && ids != null && ids.isArray() && ids.isEmpty()) {
            problems.add(ReasonCode.MISSING_FIELD, identity.pathOf("userAssignedIdentities"),
                    identity.pathOf("userAssignedIdentities") + " needs at least one identity.");
        }
        identity.finish();
        return type == null || problems.size() != before ? null : new ManagedIdentity(type, userAssigned);
    }

    /**
     * The admin account. AmlCompute nodes take a password and/or an SSH public key; attached machines take a
     * password and/or an SSH private key (with its public key optional).
     */
    AdminUser readAdminUser(ObjectFields parent, boolean required, boolean amlCompute) {
        Optional<ObjectFields> maybe = parent.object("adminUser", required, "the admin user");
        if (maybe.isEmpty()) {
            return null;
        }
        ObjectFields admin = maybe.get();
        int before = problems.size();
        String username = admin.string("username", true, USERNAME, ReasonCode.INVALID_VALUE,
                "1 to 64 letters, digits, '_', '.' or '-', starting with a letter or '_'.");
        SecretRef password = admin.secret("password", false);
        SecretRef publicKey = admin.secret("sshPublicKey", false);
        SecretRef privateKey = amlCompute ? null : admin.secret("sshPrivateKey", false);
        boolean hasCredential = amlCompute
                ? admin.has("password") || admin.has("sshPublicKey")
                : admin.has("password") || admin.has("sshPrivateKey");
        if (!hasCredential) {
            problems.add(ReasonCode.MISSING_FIELD, admin.path(), admin.path() + " needs "
                    + (amlCompute ? "password or sshPublicKey" : "password or sshPrivateKey")
                    + " as a secret reference.");
        }
        admin.finish();
        return problems.size() != before || username == null
                ? null : new AdminUser(username, password, publicKey, privateKey);
    }

    Map<String, String> readTags() {
        JsonNode tags = compute.value("tags", false);
        Map<String, String> result = new LinkedHashMap<>();
        if (tags == null) {
            return result;
        }
        String path = compute.pathOf("tags");
        if (!tags.isObject()) {
            problems.add(ReasonCode.WRONG_TYPE, path, path + " must be an object of string values.");
            return result;
        }
        if (tags.size() > ReservedTags.MAX_REQUEST_TAGS) {
            problems.add(ReasonCode.OUT_OF_RANGE, path, path + " has " + tags.size() + " tags; a request may set "
                    + ReservedTags.MAX_REQUEST_TAGS + " (ARM allows " + ReservedTags.ARM_MAX_TAGS
                    + " per resource and the app writes one itself).");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = tags.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> tag = fields.next();
            String tagPath = path + "['" + tag.getKey().replace("'", "\\'") + "']";
            if (!TAG_KEY.matcher(tag.getKey()).matches()) {
                problems.add(ReasonCode.INVALID_VALUE, tagPath, "Tag name " + Problems.quote(tag.getKey())
                        + " is not valid: 1 to 512 characters without < > % & \\ ? /.");
            } else if (ReservedTags.isReserved(tag.getKey())) {
                problems.add(ReasonCode.INVALID_VALUE, tagPath, "Tag name " + Problems.quote(tag.getKey())
                        + " is reserved: the app tags every compute it creates with the request that created it.");
            } else if (!tag.getValue().isTextual()) {
                problems.add(ReasonCode.WRONG_TYPE, tagPath, tagPath + " must be a string, not "
                        + ObjectFields.describe(tag.getValue()) + ".");
            } else if (!TAG_VALUE.matcher(tag.getValue().textValue()).matches()) {
                problems.add(ReasonCode.INVALID_VALUE, tagPath, tagPath + " must be at most 256 characters.");
            } else {
                result.put(tag.getKey(), tag.getValue().textValue());
            }
        }
        return result;
    }

    private boolean problemsFree() {
        return problems.isEmpty();
    }

    Problems problems() {
        return problems;
    }
}
