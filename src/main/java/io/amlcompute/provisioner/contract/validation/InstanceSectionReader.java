package io.amlcompute.provisioner.contract.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.ApplicationSharingPolicy;
import io.amlcompute.provisioner.contract.ArmNames;
import io.amlcompute.provisioner.contract.AssignedUser;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstanceSchedule;
import io.amlcompute.provisioner.contract.InstanceSsh;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.contract.SetupScripts;
import io.amlcompute.provisioner.contract.SshPublicAccess;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code $.compute} of an ensure for a ComputeInstance. The rules beyond field shapes are Azure ML's own:
 * idle shutdown between 15 minutes and three days, at most four schedules, no SSH key and no single sign-on at creation
 * on someone's behalf where the service refuses or drops them (sources next to each rule).
 */
final class InstanceSectionReader {

    /** What the app sets when a request leaves idle shutdown out: no instance runs unwatched. */
    static final Duration DEFAULT_IDLE_TIME = Duration.ofHours(1);
    /** A relative path in the workspace's file share: no leading '/', no '..' segment, no control characters. */
    private static final Pattern SCRIPT_PATH = Pattern.compile("^(?!/)(?!.*(^|/)\\.\\.(/|$))[\\w .,@+=/-]{1,512}$");
    private static final Pattern SCRIPT_ARGUMENTS = Pattern.compile("^[^\\p{Cntrl}]{1,1024}$");
    /** Windows time zone ids ("TimeZone should follow Windows time zone format", Cron and Recurrence, 2025-12-01). */
    private static final Pattern TIME_ZONE = Pattern.compile("^[A-Za-z][A-Za-z0-9 .+-]{0,63}$");
    private static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss",
            Locale.ROOT);
    private static final Duration MAX_SCRIPT_TIMEOUT = Duration.ofDays(1);

    private final ComputeSectionReader section;
    private final ObjectFields compute;
    private final Problems problems;

    InstanceSectionReader(ComputeSectionReader section, ObjectFields compute) {
        this.section = section;
        this.compute = compute;
        this.problems = compute.problems();
    }

    EnsureComputeInstance read(String name) {
        int before = problems.size();
        String vmSize = compute.string("vmSize", true, ComputeSectionReader.VM_SIZE, ReasonCode.INVALID_VALUE,
                "a VM size name such as Standard_DS3_v2.");
        AssignedUser assignedUser = readAssignedUser();
        ApplicationSharingPolicy sharing = readSharing(assignedUser);
        InstanceSsh ssh = readSsh(assignedUser);
        String subnet = section.readResourceId("subnet", false, List.of("Microsoft.Network/virtualNetworks/subnets"));
        Boolean publicIp = compute.bool("enableNodePublicIp");
        Duration idle = readIdleTime();
        List<InstanceSchedule> schedules = readSchedules();
        SetupScripts scripts = readSetupScripts();
        boolean sso = readSingleSignOn(assignedUser, scripts);
        readRootAccess();
        section.refuseLocation("a ComputeInstance", "a compute instance lives in its workspace's region");
        Map<String, String> tags = section.readTags();
        String description = section.readDescription();
        if (name == null || vmSize == null || problems.size() != before) {
            return null;
        }
        return new EnsureComputeInstance(name, vmSize, assignedUser, sharing, ssh, subnet,
                publicIp == null || publicIp, idle, schedules, sso, scripts, tags, description);
    }

    /**
     * The options of an ensure that do not fit an instance: it has no nodes to wait for, and nothing of it can be
     * changed in place (ARM's only PATCH, Compute_Update, takes a cluster's scale settings).
     */
    static void checkOptions(Problems problems, io.amlcompute.provisioner.contract.ComputeOperation operation,
                             io.amlcompute.provisioner.contract.RequestOptions options) {
        if (!(operation instanceof EnsureComputeInstance)) {
            return;
        }
        if (options.waitForNodes() > 0) {
            problems.add(ReasonCode.OPTION_NOT_APPLICABLE, "$.options.waitForNodes", "$.options.waitForNodes does"
                    + " not apply to a ComputeInstance: it has no nodes; it is ready when its state is Running.");
        }
        if (options.onExisting() == io.amlcompute.provisioner.contract.OnExisting.RECONCILE) {
            problems.add(ReasonCode.OPTION_NOT_APPLICABLE, "$.options.onExisting", "$.options.onExisting reconcile"
                    + " does not apply to a ComputeInstance: ARM cannot change an instance in place (its PATCH takes a"
                    + " cluster's scale settings only). Use reuse or fail, or delete the instance and ensure it again.");
        }
    }

    private AssignedUser readAssignedUser() {
        Optional<ObjectFields> maybe = compute.object("assignedUser", false, "the assigned user");
        if (maybe.isEmpty()) {
            return null;
        }
        ObjectFields user = maybe.get();
        String objectId = guid(user, "objectId", "the user's Microsoft Entra object id");
        String tenantId = guid(user, "tenantId", "the user's Microsoft Entra tenant id");
        user.finish();
        return objectId == null || tenantId == null ? null
                : new AssignedUser(objectId.toLowerCase(Locale.ROOT), tenantId.toLowerCase(Locale.ROOT));
    }

    private static String guid(ObjectFields fields, String name, String what) {
        String value = fields.string(name, true);
        if (value != null && !ArmNames.isSubscriptionId(value)) {
            fields.problems().add(ReasonCode.INVALID_VALUE, fields.pathOf(name), fields.pathOf(name) + " "
                    + Problems.quote(value) + " is not a GUID; give " + what + ".");
            return null;
        }
        return value;
    }

    /**
     * Personal by default for an instance made for someone, Shared for one without: a Personal instance's applications
     * are for its owner only ("If Personal, only the creator can access applications", ComputeInstanceProperties), and
     * without an assigned user the owner is the app's own identity, which nobody signs in as.
     */
    private ApplicationSharingPolicy readSharing(AssignedUser assignedUser) {
        ApplicationSharingPolicy sharing = compute.enumValue("applicationSharingPolicy",
                ApplicationSharingPolicy.class, false);
        if (sharing == ApplicationSharingPolicy.PERSONAL && assignedUser == null && !compute.has("assignedUser")) {
            problems.add(ReasonCode.INVALID_VALUE, compute.pathOf("applicationSharingPolicy"),
                    compute.pathOf("applicationSharingPolicy") + " Personal needs an assignedUser: without one the"
                            + " instance belongs to the app's identity and nobody could use its applications. Name the"
                            + " user, or use Shared.");
        }
        if (sharing != null) {
            return sharing;
        }
        return compute.has("assignedUser") ? ApplicationSharingPolicy.PERSONAL : ApplicationSharingPolicy.SHARED;
    }

    private InstanceSsh readSsh(AssignedUser assignedUser) {
        Optional<ObjectFields> maybe = compute.object("sshSettings", false, "the SSH settings");
        if (maybe.isEmpty()) {
            return InstanceSsh.DISABLED;
        }
        ObjectFields ssh = maybe.get();
        SshPublicAccess access = ssh.enumValue("sshPublicAccess", SshPublicAccess.class, false);
        SecretRef key = ssh.secret("adminPublicKey", false);
        if (ssh.has("adminPublicKey") && compute.has("assignedUser")) {
            // "UserError: Setting SSH key at creation time is not allowed when compute instance is provisioned on
            // behalf of another user." (MicrosoftDocs/azure-docs issue 109642); the docs' way is "Set up an SSH key
            // later" by the new owner (how-to-create-compute-instance, "Set up an SSH key later").
            problems.add(ReasonCode.INVALID_VALUE, ssh.pathOf("adminPublicKey"), ssh.pathOf("adminPublicKey")
                    + " cannot be set for an instance created for an assignedUser: Azure ML refuses an SSH key at"
                    + " creation on someone's behalf. Leave it out; the user adds their own key once the instance is"
                    + " theirs.");
        }
        ssh.finish();
        return new InstanceSsh(access == null ? SshPublicAccess.DISABLED : access, key);
    }

    private Duration readIdleTime() {
        if (!compute.has("idleTimeBeforeShutdown")) {
            return DEFAULT_IDLE_TIME;
        }
        Duration idle = compute.duration("idleTimeBeforeShutdown", EnsureComputeInstance.MAX_IDLE_TIME);
        String path = compute.pathOf("idleTimeBeforeShutdown");
        if (idle != null && idle.compareTo(EnsureComputeInstance.MIN_IDLE_TIME) < 0) {
            // "compute instance must be inactive for a minimum of 15 mins and a maximum of three days" (Azure ML docs,
            // how-to-create-compute-instance, "Configure idle shutdown").
            problems.add(ReasonCode.OUT_OF_RANGE, path, path + " must be at least PT15M (Azure ML's shortest idle"
                    + " shutdown), got " + idle + ".");
            return null;
        }
        if (idle != null && (idle.toSecondsPart() != 0 || idle.toNanosPart() != 0)) {
            // azure-ai-ml writes and reads it as PT<minutes>M (ComputeInstance._to_rest_object, _load_from_rest).
            problems.add(ReasonCode.INVALID_DURATION, path, path + " must be whole minutes, e.g. PT90M or PT2H.");
            return null;
        }
        return idle;
    }

    private List<InstanceSchedule> readSchedules() {
        JsonNode value = compute.value("schedules", false);
        List<InstanceSchedule> schedules = new ArrayList<>();
        if (value == null) {
            return schedules;
        }
        String path = compute.pathOf("schedules");
        if (!value.isArray()) {
            problems.add(ReasonCode.WRONG_TYPE, path, path + " must be an array of schedules.");
            return schedules;
        }
        if (value.size() > InstanceSchedule.MAX_PER_INSTANCE) {
            problems.add(ReasonCode.OUT_OF_RANGE, path, path + " has " + value.size() + " schedules; Azure ML allows "
                    + InstanceSchedule.MAX_PER_INSTANCE + " per compute instance.");
        }
        for (int i = 0; i < value.size(); i++) {
            ObjectFields.open(value.get(i), path + "[" + i + "]", problems, "a schedule")
                    .map(this::readSchedule).ifPresent(schedules::add);
        }
        return schedules;
    }

    private InstanceSchedule readSchedule(ObjectFields schedule) {
        int before = problems.size();
        InstanceSchedule.PowerAction action = schedule.enumValue("action", InstanceSchedule.PowerAction.class, true);
        String status = schedule.string("status", false);
        if (status != null && !status.equals("Enabled") && !status.equals("Disabled")) {
            problems.add(ReasonCode.INVALID_VALUE, schedule.pathOf("status"), schedule.pathOf("status") + " "
                    + Problems.quote(status) + " is not one of: Enabled, Disabled (case-sensitive).");
        }
        boolean cron = schedule.has("cron");
        boolean recurrence = schedule.has("recurrence");
        if (cron == recurrence) {
            problems.add(cron ? ReasonCode.INVALID_VALUE : ReasonCode.MISSING_FIELD, schedule.path(), schedule.path()
                    + " needs exactly one trigger: cron or recurrence.");
        }
        InstanceSchedule.Trigger trigger = null;
        if (cron && !recurrence) {
            trigger = schedule.object("cron", true, "a cron trigger").map(this::readCron).orElse(null);
        } else if (recurrence && !cron) {
            trigger = schedule.object("recurrence", true, "a recurrence trigger").map(this::readRecurrence).orElse(null);
        } else {
            schedule.value("cron", false);
            schedule.value("recurrence", false);
        }
        schedule.finish();
        if (problems.size() != before || action == null || trigger == null) {
            return null;
        }
        return new InstanceSchedule(action, !"Disabled".equals(status), trigger);
    }

    private InstanceSchedule.Trigger readCron(ObjectFields cron) {
        int before = problems.size();
        String expression = cron.string("expression", true);
        if (expression != null) {
            CronExpression.problem(expression).ifPresent(why -> problems.add(ReasonCode.INVALID_VALUE,
                    cron.pathOf("expression"), cron.pathOf("expression") + " " + Problems.quote(expression)
                            + " is not a schedule: " + why));
        }
        String timeZone = timeZone(cron);
        String startTime = startTime(cron);
        cron.finish();
        return problems.size() != before || expression == null ? null
                : new InstanceSchedule.Trigger.Cron(expression.trim(), timeZone, startTime);
    }

    private InstanceSchedule.Trigger readRecurrence(ObjectFields recurrence) {
        int before = problems.size();
        InstanceSchedule.Frequency frequency = recurrence.enumValue("frequency", InstanceSchedule.Frequency.class,
                true);
        Integer interval = recurrence.integer("interval", true, 1, 1000);
        String timeZone = timeZone(recurrence);
        String startTime = startTime(recurrence);
        List<Integer> hours = numbers(recurrence, "hours", true, 0, 23);
        List<Integer> minutes = numbers(recurrence, "minutes", true, 0, 59);
        List<InstanceSchedule.WeekDay> weekDays = list(recurrence, "weekDays", item -> item.isTextual()
                ? io.amlcompute.provisioner.contract.WireNamed.lookup(InstanceSchedule.WeekDay.class, item.textValue())
                .orElse(null) : null, "one of: " + io.amlcompute.provisioner.contract.WireNamed.wireNames(
                InstanceSchedule.WeekDay.class));
        List<Integer> monthDays = numbers(recurrence, "monthDays", false, 1, 31);
        recurrence.finish();
        if (problems.size() != before || frequency == null || interval == null) {
            return null;
        }
        return new InstanceSchedule.Trigger.Recurrence(frequency, interval, timeZone, startTime, hours, minutes,
                weekDays, monthDays);
    }

    private String timeZone(ObjectFields trigger) {
        String zone = trigger.string("timeZone", false, TIME_ZONE, ReasonCode.INVALID_VALUE,
                "a Windows time zone id such as UTC or W. Europe Standard Time.");
        return zone == null ? "UTC" : zone;
    }

    private String startTime(ObjectFields trigger) {
        String start = trigger.string("startTime", false);
        if (start == null) {
            return null;
        }
        try {
            LocalDateTime.parse(start, START_TIME);
            return start;
        } catch (DateTimeParseException e) {
            problems.add(ReasonCode.INVALID_VALUE, trigger.pathOf("startTime"), trigger.pathOf("startTime") + " "
                    + Problems.quote(start) + " is not a time in yyyy-MM-ddTHH:mm:ss format (the schedule's own time"
                    + " zone applies; no offset).");
            return null;
        }
    }

    private List<Integer> numbers(ObjectFields fields, String name, boolean required, int min, int max) {
        if (required && !fields.has(name)) {
            fields.value(name, true);
            return List.of();
        }
        return list(fields, name, item -> item.isIntegralNumber() && item.canConvertToInt()
                && item.intValue() >= min && item.intValue() <= max ? item.intValue() : null,
                "a whole number from " + min + " to " + max);
    }

    /** A non-empty array whose items {@code read} turns into values (null for a bad item). */
    private <T> List<T> list(ObjectFields fields, String name, Function<JsonNode, T> read, String expected) {
        JsonNode array = fields.value(name, false);
        List<T> values = new ArrayList<>();
        if (array == null) {
            return values;
        }
        String path = fields.pathOf(name);
        if (!array.isArray() || array.isEmpty()) {
            problems.add(ReasonCode.WRONG_TYPE, path, path + " must be a non-empty array, each item " + expected
                    + ".");
            return values;
        }
        for (int i = 0; i < array.size(); i++) {
            T value = read.apply(array.get(i));
            if (value == null) {
                problems.add(ReasonCode.INVALID_VALUE, path + "[" + i + "]", path + "[" + i + "] must be " + expected
                        + ", not " + ObjectFields.describe(array.get(i)) + ".");
            } else if (!values.contains(value)) {
                values.add(value);
            }
        }
        return values;
    }

    private SetupScripts readSetupScripts() {
        Optional<ObjectFields> maybe = compute.object("setupScripts", false, "the setup scripts");
        if (maybe.isEmpty()) {
            return null;
        }
        ObjectFields scripts = maybe.get();
        int before = problems.size();
        SetupScripts.Script creation = scripts.object("creation", false, "a script reference").map(this::readScript)
                .orElse(null);
        SetupScripts.Script startup = scripts.object("startup", false, "a script reference").map(this::readScript)
                .orElse(null);
        if (!scripts.has("creation") && !scripts.has("startup")) {
            problems.add(ReasonCode.MISSING_FIELD, scripts.path(), scripts.path() + " needs a creation or a startup"
                    + " script; leave setupScripts out for none.");
        }
        scripts.finish();
        return problems.size() != before ? null : new SetupScripts(creation, startup);
    }

    private SetupScripts.Script readScript(ObjectFields script) {
        int before = problems.size();
        String path = script.string("path", true, SCRIPT_PATH, ReasonCode.INVALID_VALUE,
                "a relative path of a file in the workspace's file share, such as Users/alice/setup.sh (no leading"
                        + " '/', no '..'). Scripts are referenced, never sent inline.");
        String arguments = script.string("arguments", false, SCRIPT_ARGUMENTS, ReasonCode.INVALID_VALUE,
                "at most 1024 characters, no control characters.");
        Duration timeout = script.duration("timeout", MAX_SCRIPT_TIMEOUT);
        if (timeout != null && (timeout.toSecondsPart() != 0 || timeout.toNanosPart() != 0)) {
            // Sent as "<minutes>m" (azure-ai-ml ScriptReference._to_rest_object).
            problems.add(ReasonCode.INVALID_DURATION, script.pathOf("timeout"), script.pathOf("timeout")
                    + " must be whole minutes, e.g. PT10M.");
        }
        script.finish();
        return problems.size() != before || path == null ? null : new SetupScripts.Script(path, arguments, timeout);
    }

    /**
     * Single sign-on, ARM's default on (enableSSO, 2026-07-01). "When you create a compute instance on behalf of a data
     * scientist and assign the instance to them, single sign-on (SSO) will be disabled during creation if the compute
     * instance has a setup script", and only the assigned user may turn it on later (Azure ML docs,
     * how-to-create-compute-instance, "Create on behalf of"): so it defaults to off there, and asking for it is an error
     * rather than a setting silently dropped.
     */
    private boolean readSingleSignOn(AssignedUser assignedUser, SetupScripts scripts) {
        Boolean sso = compute.bool("enableSSO");
        boolean onBehalfWithScripts = compute.has("assignedUser") && compute.has("setupScripts");
        if (Boolean.TRUE.equals(sso) && onBehalfWithScripts) {
            problems.add(ReasonCode.INVALID_VALUE, compute.pathOf("enableSSO"), compute.pathOf("enableSSO")
                    + " true cannot be honoured: Azure ML turns single sign-on off when it creates an instance with"
                    + " setup scripts for someone else, and only that user may turn it on. Leave it out or set"
                    + " false.");
        }
        return sso == null ? !onBehalfWithScripts : sso;
    }

    /**
     * {@code enableRootAccess} is in no stable api-version of the compute API (ComputeInstanceProperties of 2025-12-01
     * and 2026-07-01 have no such field; azure-ai-ml sends it through a preview version), so the app cannot set it:
     * root access stays as the service has it, enabled. True is accepted as that default; false is refused.
     */
    private void readRootAccess() {
        Boolean root = compute.bool("enableRootAccess");
        if (Boolean.FALSE.equals(root)) {
            problems.add(ReasonCode.INVALID_VALUE, compute.pathOf("enableRootAccess"), compute.pathOf(
                    "enableRootAccess") + " false cannot be set: the stable compute API (2025-12-01, 2026-07-01) has"
                    + " no root-access setting, so root access stays enabled, the service's default. Leave it out or"
                    + " set true.");
        }
    }
}
