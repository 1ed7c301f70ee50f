package io.amlcompute.provisioner.contract.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.amlcompute.provisioner.contract.validation.ReasonCode.*;
import static io.amlcompute.provisioner.contract.validation.Samples.with;
import static io.amlcompute.provisioner.contract.validation.Samples.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One row per rule of a compute instance request: a sample with one defect, and the reason code and JSONPath it must
 * be reported with. Removing a rule makes its row fail.
 */
class InstanceRequestRulesTest {

    private static final String ENSURE = "ensure-computeinstance.json";
    private static final String START = "start-computeinstance.json";
    private static final String STOP = "stop-computeinstance.json";
    private static final String RESTART = "restart-computeinstance.json";
    private static final String DELETE = "delete-computeinstance.json";
    private static final String CLUSTER = "ensure-amlcompute.json";
    private static final String SUBNET = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/"
            + "rg-net/providers/Microsoft.Network/virtualNetworks/vnet-other/subnets/ci";

    static Stream<Arguments> rules() {
        return Stream.of(
                row("start of an AmlCompute cluster", with(START, "/compute/type", "\"AmlCompute\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"),
                row("stop of a Databricks compute", with(STOP, "/compute/type", "\"Databricks\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"),
                row("restart of an AmlCompute cluster", with(RESTART, "/compute/type", "\"AmlCompute\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"),
                row("update of a compute instance", with("update-scale.json", "/compute/type", "\"ComputeInstance\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"),
                row("attach of a compute instance", with("attach-databricks.json", "/compute/type", "\"ComputeInstance\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"),
                row("start with a vmSize", with(START, "/compute/vmSize", "\"Standard_DS3_v2\""), UNKNOWN_FIELD, "$.compute.vmSize"),
                row("start waiting for nodes", with(START, "/options/waitForNodes", "1"), OPTION_NOT_APPLICABLE, "$.options.waitForNodes"),
                row("stop with onExisting", with(STOP, "/options/onExisting", "\"reuse\""), OPTION_NOT_APPLICABLE, "$.options.onExisting"),
                row("vmSize missing", without(ENSURE, "/compute/vmSize"), MISSING_FIELD, "$.compute.vmSize"),
                row("vmSize with a space", with(ENSURE, "/compute/vmSize", "\"Standard DS3\""), INVALID_VALUE, "$.compute.vmSize"),
                row("cluster field on an instance", with(ENSURE, "/compute/maxNodes", "2"), UNKNOWN_FIELD, "$.compute.maxNodes"),
                row("location on an instance", with(ENSURE, "/compute/location", "\"westeurope\""), LOCATION_NOT_SUPPORTED, "$.compute.location"),
                row("assigned user without tenant", with(ENSURE, "/compute/assignedUser", "{\"objectId\":\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\"}"), MISSING_FIELD, "$.compute.assignedUser.tenantId"),
                row("assigned user id not a GUID", with(ENSURE, "/compute/assignedUser/objectId", "\"alice@contoso.com\""), INVALID_VALUE, "$.compute.assignedUser.objectId"),
                row("assigned user with a name", with(ENSURE, "/compute/assignedUser/name", "\"Alice\""), UNKNOWN_FIELD, "$.compute.assignedUser.name"),
                row("Personal without an assigned user", without(ENSURE, "/compute/assignedUser"), INVALID_VALUE, "$.compute.applicationSharingPolicy"),
                row("sharing policy in lower case", with(ENSURE, "/compute/applicationSharingPolicy", "\"personal\""), INVALID_VALUE, "$.compute.applicationSharingPolicy"),
                row("ssh access misspelt", with(ENSURE, "/compute/sshSettings/sshPublicAccess", "\"On\""), INVALID_VALUE, "$.compute.sshSettings.sshPublicAccess"),
                row("inline ssh key", with(ENSURE, "/compute/sshSettings/adminPublicKey", "\"ssh-rsa AAAA\""), SECRET_INLINE, "$.compute.sshSettings.adminPublicKey"),
                row("ssh key on someone's behalf", with(ENSURE, "/compute/sshSettings/adminPublicKey", "{\"secretRef\":\"local:ci-key\"}"), INVALID_VALUE, "$.compute.sshSettings.adminPublicKey"),
                row("subnet of another type", with(ENSURE, "/compute/subnet", "\"/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet\""), WRONG_RESOURCE_TYPE, "$.compute.subnet"),
                row("subnet off the allow-list", with(ENSURE, "/compute/subnet", "\"" + SUBNET + "\""), POLICY_SUBNET_NOT_ALLOWED, "$.compute.subnet"),
                row("public IP as a string", with(ENSURE, "/compute/enableNodePublicIp", "\"yes\""), WRONG_TYPE, "$.compute.enableNodePublicIp"),
                row("idle time not ISO-8601", with(ENSURE, "/compute/idleTimeBeforeShutdown", "\"1 hour\""), INVALID_DURATION, "$.compute.idleTimeBeforeShutdown"),
                row("idle time under 15 minutes", with(ENSURE, "/compute/idleTimeBeforeShutdown", "\"PT10M\""), OUT_OF_RANGE, "$.compute.idleTimeBeforeShutdown"),
                row("idle time over three days", with(ENSURE, "/compute/idleTimeBeforeShutdown", "\"P4D\""), OUT_OF_RANGE, "$.compute.idleTimeBeforeShutdown"),
                row("idle time in seconds", with(ENSURE, "/compute/idleTimeBeforeShutdown", "\"PT1000S\""), INVALID_DURATION, "$.compute.idleTimeBeforeShutdown"),
                row("idle time over the policy's limit", with(ENSURE, "/compute/idleTimeBeforeShutdown", "\"PT5H\""), POLICY_IDLE_TIME_EXCEEDED, "$.compute.idleTimeBeforeShutdown"),
                row("schedules not an array", with(ENSURE, "/compute/schedules", "{}"), WRONG_TYPE, "$.compute.schedules"),
                row("five schedules", with(ENSURE, "/compute/schedules", "[" + String.join(",", java.util.Collections.nCopies(5, CRON)) + "]"), OUT_OF_RANGE, "$.compute.schedules"),
                row("schedule without action", with(ENSURE, "/compute/schedules", "[{\"cron\":{\"expression\":\"0 19 * * *\"}}]"), MISSING_FIELD, "$.compute.schedules[0].action"),
                row("schedule action Restart", with(ENSURE, "/compute/schedules", "[{\"action\":\"Restart\",\"cron\":{\"expression\":\"0 19 * * *\"}}]"), INVALID_VALUE, "$.compute.schedules[0].action"),
                row("schedule without trigger", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\"}]"), MISSING_FIELD, "$.compute.schedules[0]"),
                row("schedule with both triggers", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"cron\":{\"expression\":\"0 19 * * *\"},\"recurrence\":{\"frequency\":\"Day\",\"interval\":1,\"hours\":[19],\"minutes\":[0]}}]"), INVALID_VALUE, "$.compute.schedules[0]"),
                row("schedule status misspelt", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"status\":\"On\",\"cron\":{\"expression\":\"0 19 * * *\"}}]"), INVALID_VALUE, "$.compute.schedules[0].status"),
                row("cron of six fields", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"cron\":{\"expression\":\"0 0 19 * * *\"}}]"), INVALID_VALUE, "$.compute.schedules[0].cron.expression"),
                row("cron hour 24", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"cron\":{\"expression\":\"0 24 * * *\"}}]"), INVALID_VALUE, "$.compute.schedules[0].cron.expression"),
                row("cron day of week 7", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"cron\":{\"expression\":\"0 19 * * 7\"}}]"), INVALID_VALUE, "$.compute.schedules[0].cron.expression"),
                row("cron with names", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"cron\":{\"expression\":\"0 19 * * MON\"}}]"), INVALID_VALUE, "$.compute.schedules[0].cron.expression"),
                row("time zone with a slash", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"cron\":{\"expression\":\"0 19 * * *\",\"timeZone\":\"Europe/Berlin\"}}]"), INVALID_VALUE, "$.compute.schedules[0].cron.timeZone"),
                row("start time with an offset", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"cron\":{\"expression\":\"0 19 * * *\",\"startTime\":\"2026-12-01T08:00:00Z\"}}]"), INVALID_VALUE, "$.compute.schedules[0].cron.startTime"),
                row("recurrence without minutes", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"recurrence\":{\"frequency\":\"Day\",\"interval\":1,\"hours\":[19]}}]"), MISSING_FIELD, "$.compute.schedules[0].recurrence.minutes"),
                row("recurrence hour 25", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"recurrence\":{\"frequency\":\"Day\",\"interval\":1,\"hours\":[25],\"minutes\":[0]}}]"), INVALID_VALUE, "$.compute.schedules[0].recurrence.hours[0]"),
                row("recurrence interval 0", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"recurrence\":{\"frequency\":\"Day\",\"interval\":0,\"hours\":[19],\"minutes\":[0]}}]"), OUT_OF_RANGE, "$.compute.schedules[0].recurrence.interval"),
                row("recurrence on Funday", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"recurrence\":{\"frequency\":\"Week\",\"interval\":1,\"hours\":[19],\"minutes\":[0],\"weekDays\":[\"Funday\"]}}]"), INVALID_VALUE, "$.compute.schedules[0].recurrence.weekDays[0]"),
                row("recurrence frequency Year", with(ENSURE, "/compute/schedules", "[{\"action\":\"Stop\",\"recurrence\":{\"frequency\":\"Year\",\"interval\":1,\"hours\":[19],\"minutes\":[0]}}]"), INVALID_VALUE, "$.compute.schedules[0].recurrence.frequency"),
                row("inline setup script", with(ENSURE, "/compute/setupScripts/creation", "{\"path\":\"Users/alice/setup.sh\",\"scriptData\":\"ZWNobw==\"}"), UNKNOWN_FIELD, "$.compute.setupScripts.creation.scriptData"),
                row("script path escaping the share", with(ENSURE, "/compute/setupScripts/creation/path", "\"../../etc/passwd\""), INVALID_VALUE, "$.compute.setupScripts.creation.path"),
                row("absolute script path", with(ENSURE, "/compute/setupScripts/creation/path", "\"/home/alice/setup.sh\""), INVALID_VALUE, "$.compute.setupScripts.creation.path"),
                row("script timeout in seconds", with(ENSURE, "/compute/setupScripts/creation/timeout", "\"PT90S\""), INVALID_DURATION, "$.compute.setupScripts.creation.timeout"),
                row("setup scripts without a script", with(ENSURE, "/compute/setupScripts", "{}"), MISSING_FIELD, "$.compute.setupScripts"),
                row("single sign-on with scripts on someone's behalf", with(ENSURE, "/compute/enableSSO", "true"), INVALID_VALUE, "$.compute.enableSSO"),
                row("root access off", with(ENSURE, "/compute/enableRootAccess", "false"), INVALID_VALUE, "$.compute.enableRootAccess"),
                row("instance identity", with(ENSURE, "/compute/identity", "{\"type\":\"SystemAssigned\"}"), UNKNOWN_FIELD, "$.compute.identity"),
                row("waiting for nodes of an instance", with(ENSURE, "/options/waitForNodes", "1"), OPTION_NOT_APPLICABLE, "$.options.waitForNodes"),
                row("reconciling an instance", with(ENSURE, "/options/onExisting", "\"reconcile\""), OPTION_NOT_APPLICABLE, "$.options.onExisting"),
                row("an instance's lease ending with scaleToZero", with(ENSURE, "/options/lease", "{\"duration\":\"PT8H\",\"onExpiry\":\"scaleToZero\"}"), OPTION_NOT_APPLICABLE, "$.options.lease.onExpiry"),
                row("a cluster's lease ending with stop", with(CLUSTER, "/options/lease", "{\"duration\":\"PT8H\",\"onExpiry\":\"stop\"}"), OPTION_NOT_APPLICABLE, "$.options.lease.onExpiry"),
                row("instance tag named like the creator mark", with(ENSURE, "/compute/tags", "{\"IO.AMLCOMPUTE.REQUESTID\": \"x\"}"), INVALID_VALUE, "$.compute.tags['IO.AMLCOMPUTE.REQUESTID']"),
                row("vmSize off the instance list", with(ENSURE, "/compute/vmSize", "\"Standard_NC6\""), POLICY_VM_SIZE_NOT_ALLOWED, "$.compute.vmSize"),
                row("public SSH where none is allowed", with(ENSURE, "/compute/sshSettings/sshPublicAccess", "\"Enabled\""), POLICY_SSH_NOT_ALLOWED, "$.compute.sshSettings.sshPublicAccess"),
                row("delete of a Databricks compute", with(DELETE, "/compute/type", "\"Databricks\""), TYPE_NOT_ALLOWED_FOR_ACTION, "$.compute.type"));
    }

    private static final String CRON = "{\"action\":\"Stop\",\"cron\":{\"expression\":\"0 19 * * *\"}}";

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void reportsTheDefectWithItsCodeAndPath(String body, ReasonCode code, String path) {
        Verdict verdict = validator(new InstancePolicy(List.of("Standard_D*"), true, false, Duration.ofHours(4)))
                .validate(body, MessageEnvelope.NONE);

        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        assertThat(((Verdict.Rejected) verdict).errors())
                .extracting(ValidationError::code, ValidationError::path)
                .contains(org.assertj.core.groups.Tuple.tuple(code, path));
    }

    @Test
    void aPolicyWithoutPublicIpsRefusesTheDefaultOfTrue() {
        Verdict verdict = validator(new InstancePolicy(List.of("*"), false, false, Duration.ofHours(4)))
                .validate(without(ENSURE, "/compute/enableNodePublicIp"), MessageEnvelope.NONE);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Rejected.class, rejected -> assertThat(rejected.errors())
                .extracting(ValidationError::code, ValidationError::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(POLICY_PUBLIC_IP_NOT_ALLOWED,
                        "$.compute.enableNodePublicIp")));
    }

    @Test
    void aPolicyWithoutPublicIpsAcceptsAnInstanceWithoutOne() {
        Verdict verdict = validator(new InstancePolicy(List.of("*"), false, false, Duration.ofHours(4)))
                .validate(with(ENSURE, "/compute/enableNodePublicIp", "false"), MessageEnvelope.NONE);

        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aPolicyThatAllowsSshAcceptsPublicSsh() {
        Verdict verdict = validator(new InstancePolicy(List.of("*"), true, true, Duration.ofHours(4)))
                .validate(with(ENSURE, "/compute/sshSettings/sshPublicAccess", "\"Enabled\""), MessageEnvelope.NONE);

        assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void theInstanceSizeListIsNotTheClusterList() {
        // The cluster list of the demo policy allows Standard_NC*; an instance of that size is still refused, and a
        // cluster of a size only the instance list holds is refused too.
        RequestValidator validator = validator(new InstancePolicy(List.of("Standard_E*"), true, false,
                Duration.ofHours(4)));

        Verdict instance = validator.validate(with(ENSURE, "/compute/vmSize", "\"Standard_NC6\""), MessageEnvelope.NONE);
        Verdict cluster = validator.validate(with(CLUSTER, "/compute/vmSize", "\"Standard_E4s_v3\""), MessageEnvelope.NONE);

        assertThat(instance).isInstanceOfSatisfying(Verdict.Rejected.class, rejected -> assertThat(rejected.errors())
                .extracting(ValidationError::code).containsExactly(POLICY_VM_SIZE_NOT_ALLOWED));
        assertThat(cluster).isInstanceOfSatisfying(Verdict.Rejected.class, rejected -> assertThat(rejected.errors())
                .extracting(ValidationError::code).containsExactly(POLICY_VM_SIZE_NOT_ALLOWED));
    }

    @Test
    void aSecretStoreOffTheListIsRefusedForTheSshKey() {
        String body = Samples.set(without(ENSURE, "/compute/assignedUser"), "/compute/sshSettings",
                "{\"sshPublicAccess\":\"Disabled\",\"adminPublicKey\":{\"secretRef\":\"https://kv-other.vault.azure.cn/secrets/key\"}}");
        Verdict verdict = validator(InstancePolicy.DEFAULTS).validate(
                Samples.set(body, "/compute/applicationSharingPolicy", "\"Shared\""), MessageEnvelope.NONE);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Rejected.class, rejected -> assertThat(rejected.errors())
                .extracting(ValidationError::code, ValidationError::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(POLICY_SECRET_STORE_NOT_ALLOWED,
                        "$.compute.sshSettings.adminPublicKey")));
    }

    private static RequestValidator validator(InstancePolicy instances) {
        return new RequestValidator(RequestDefaults.standard(), Samples.demoPolicy().withInstances(instances));
    }

    private static Arguments row(String name, String body, ReasonCode code, String path) {
        return arguments(named(name, body), code, path);
    }
}
