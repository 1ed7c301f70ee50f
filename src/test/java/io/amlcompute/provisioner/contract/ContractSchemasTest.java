package io.amlcompute.provisioner.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.amlcompute.provisioner.contract.event.Completion;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.ComputeEvents;
import io.amlcompute.provisioner.contract.event.Drift;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.LeaseInfo;
import io.amlcompute.provisioner.contract.event.LeaseResult;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.contract.validation.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.amlcompute.provisioner.contract.validation.Samples.with;
import static io.amlcompute.provisioner.contract.validation.Samples.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The published JSON Schemas agree with the samples, with the validator and with the events the code builds. */
class ContractSchemasTest {

    private static final JsonSchema REQUEST_SCHEMA = load("/schemas/compute-request.schema.json");
    private static final JsonSchema EVENT_SCHEMA = load("/schemas/compute-event.schema.json");

    static List<Path> validSamples() {
        return Samples.valid();
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void requestSchemaAcceptsEverySample(Path sample) {
        Set<ValidationMessage> problems = REQUEST_SCHEMA.validate(Samples.tree(Samples.text(sample.getFileName().toString())));

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void requestSchemaAcceptsTheCanonicalFormOfEverySample(Path sample) {
        ParseResult parsed = new RequestParser(RequestDefaults.standard())
                .parse(Samples.text(sample.getFileName().toString()), MessageEnvelope.NONE);

        JsonNode canonical = parsed instanceof ParseResult.ParsedControl control
                ? RequestWriter.write(control.control()) : RequestWriter.write(((ParseResult.Parsed) parsed).request());
        assertThat(REQUEST_SCHEMA.validate(canonical)).isEmpty();
    }

    static Stream<Arguments> invalidRequests() {
        String ensure = "ensure-amlcompute.json";
        String databricks = "attach-databricks.json";
        String instance = "ensure-computeinstance.json";
        return Stream.of(
                invalid("the invalid sample", Samples.text("invalid-request.json")),
                invalid("maxNodes as a string", with(ensure, "/compute/maxNodes", "\"4\"")),
                invalid("unknown top-level field", with(ensure, "/priority", "\"high\"")),
                invalid("unknown compute field", with(ensure, "/compute/gpu", "true")),
                invalid("vmSize missing", without(ensure, "/compute/vmSize")),
                invalid("compute name ending in -digits", with(ensure, "/compute/name", "\"gpu-cluster-01\"")),
                invalid("inline admin password", with(ensure, "/compute/adminUser/password", "\"hunter2\"")),
                invalid("ensure of Databricks", with(ensure, "/compute/type", "\"Databricks\"")),
                invalid("vmPriority in lower case", with(ensure, "/compute/vmPriority", "\"dedicated\"")),
                invalid("timeout not ISO-8601", with(ensure, "/options/timeout", "\"30 minutes\"")),
                invalid("unknown action", with(ensure, "/action", "\"create\"")),
                invalid("schema version 2.0", with(ensure, "/schemaVersion", "\"2.0\"")),
                invalid("subscription not a GUID", with(ensure, "/workspace/subscriptionId", "\"sub\"")),
                invalid("databricks without token", without(databricks, "/compute/accessToken")),
                invalid("databricks id pointing at a VM", with(databricks, "/compute/resourceId",
                        "\"/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm\"")),
                invalid("databricks with vmSize", with(databricks, "/compute/vmSize", "\"Standard_DS3_v2\"")),
                invalid("waitForNodes on attach", with(databricks, "/options/waitForNodes", "1")),
                invalid("reconcile on attach", with(databricks, "/options/onExisting", "\"reconcile\"")),
                invalid("location on attach", with(databricks, "/compute/location", "\"westeurope\"")),
                invalid("tag named like the creator mark", with(ensure, "/compute/tags", "{\"io.amlcompute.requestid\": \"x\"}")),
                invalid("delete with extra field", with("delete-amlcompute.json", "/compute/maxNodes", "3")),
                invalid("vm without credentials", with("attach-virtualmachine.json", "/compute/adminUser",
                        "{\"username\":\"azureuser\"}")),
                invalid("start of an AmlCompute cluster", with("start-computeinstance.json", "/compute/type", "\"AmlCompute\"")),
                invalid("restart with a vmSize", with("restart-computeinstance.json", "/compute/vmSize", "\"Standard_DS3_v2\"")),
                invalid("stop waiting for nodes", with("stop-computeinstance.json", "/options/waitForNodes", "1")),
                invalid("instance with maxNodes", with(instance, "/compute/maxNodes", "2")),
                invalid("instance with a location", with(instance, "/compute/location", "\"westeurope\"")),
                invalid("instance without vmSize", without(instance, "/compute/vmSize")),
                invalid("instance assigned to a name", with(instance, "/compute/assignedUser/objectId", "\"alice\"")),
                invalid("instance with five schedules", with(instance, "/compute/schedules", "[" + String.join(",",
                        java.util.Collections.nCopies(5, "{\"action\":\"Stop\",\"cron\":{\"expression\":\"0 19 * * *\"}}")) + "]")),
                invalid("schedule with both triggers", with(instance, "/compute/schedules", "[{\"action\":\"Stop\",\"cron\":"
                        + "{\"expression\":\"0 19 * * *\"},\"recurrence\":{\"frequency\":\"Day\",\"interval\":1,\"hours\":[19],\"minutes\":[0]}}]")),
                invalid("inline setup script", with(instance, "/compute/setupScripts/creation/scriptData", "\"ZWNobw==\"")),
                invalid("root access off", with(instance, "/compute/enableRootAccess", "false")),
                invalid("reconcile of an instance", with(instance, "/options/onExisting", "\"reconcile\"")),
                invalid("waiting for nodes of an instance", with(instance, "/options/waitForNodes", "1")),
                invalid("delete of a Databricks compute", with("delete-computeinstance.json", "/compute/type", "\"Databricks\"")),
                invalid("lease without duration", with(ensure, "/options/lease", "{\"onExpiry\":\"delete\"}")),
                invalid("lease duration in words", with(ensure, "/options/lease", "{\"duration\":\"4 hours\"}")),
                invalid("lease on attach", with(databricks, "/options/lease", "{\"duration\":\"PT4H\"}")),
                invalid("a cluster's lease ending with stop", with(ensure, "/options/lease",
                        "{\"duration\":\"PT4H\",\"onExpiry\":\"stop\"}")),
                invalid("an instance's lease ending with scaleToZero", with(instance, "/options/lease",
                        "{\"duration\":\"PT4H\",\"onExpiry\":\"scaleToZero\"}")),
                invalid("onCancel on update", with("update-scale.json", "/options/onCancel", "\"delete\"")),
                invalid("onCancel unknown", with(ensure, "/options/onCancel", "\"destroy\"")),
                invalid("leaseId on ensure", with(ensure, "/leaseId", "\"demo-ensure-aml-cluster-001\"")),
                invalid("renew without extendBy", without("renew-lease.json", "/extendBy")),
                invalid("renew without leaseId", without("renew-lease.json", "/leaseId")),
                invalid("renew with a workspace", with("renew-lease.json", "/workspace",
                        "{\"subscriptionId\":\"11111111-2222-3333-4444-555555555555\",\"resourceGroup\":\"rg\","
                                + "\"workspaceName\":\"mlw-demo\"}")),
                invalid("release with extendBy", with("release-lease.json", "/extendBy", "\"PT1H\"")),
                invalid("cancel without target", without("cancel-request.json", "/targetRequestId")),
                invalid("cancel naming a lease", with("cancel-request.json", "/leaseId", "\"x\"")),
                invalid("cancel target not an id", with("cancel-request.json", "/targetRequestId", "\"a b\"")),
                invalid("preflight not one of enforce, warn, off", with(ensure, "/options/preflight", "\"strict\"")),
                invalid("preflight on attach", with(databricks, "/options/preflight", "\"off\"")),
                invalid("preflight on delete", with("delete-amlcompute.json", "/options/preflight", "\"warn\"")),
                invalid("preflight on an instance's stop", with("stop-computeinstance.json", "/options/preflight",
                        "\"warn\"")));
    }

    @Test
    void schemaAndValidatorBothTakeThePreflightModeOnAnInstancesEnsureAndStart() {
        for (String body : List.of(with("ensure-computeinstance.json", "/options/preflight", "\"warn\""),
                with("start-computeinstance.json", "/options/preflight", "\"off\""))) {
            assertThat(REQUEST_SCHEMA.validate(Samples.tree(body))).isEmpty();
            assertThat(Samples.demoValidator().validate(body, MessageEnvelope.NONE)).isInstanceOf(Verdict.Accepted.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void schemaAndValidatorBothRejectInvalidRequests(String body) {
        assertThat(REQUEST_SCHEMA.validate(Samples.tree(body))).isNotEmpty();
        assertThat(Samples.demoValidator().validate(body, MessageEnvelope.NONE)).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void eventSchemaAcceptsEveryKindOfEventTheCodeBuilds() {
        ComputeRequest ensure = parsed("ensure-amlcompute.json");
        ComputeRequest attach = parsed("attach-databricks.json");
        ComputeRequest update = parsed("update-scale.json");
        ComputeRequest delete = parsed("delete-amlcompute.json");
        ComputeRequest detach = parsed("detach-databricks.json");
        ComputeRequest instance = parsed("ensure-computeinstance.json");
        ComputeRequest startInstance = parsed("start-computeinstance.json");
        ComputeRequest stopInstance = parsed("stop-computeinstance.json");
        ComputeRequest restartInstance = parsed("restart-computeinstance.json");
        InstanceStatus.LastOperation last = new InstanceStatus.LastOperation("Start", "Succeeded",
                "2026-11-29T10:01:00Z", "User");
        ComputeStatus running = new ComputeStatus("Succeeded", null, null, List.of(), new InstanceStatus("Running",
                "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", last, List.of(new InstanceStatus.Application("Jupyter Lab",
                "https://ci-alice.westeurope.instances.azureml.ms/lab")), new InstanceStatus.SshEndpoint("20.50.1.2", 22)));
        ComputeStatus stopped = new ComputeStatus("Succeeded", null, null, List.of(), new InstanceStatus("Stopped",
                null, null, List.of(), null));
        Instant start = Instant.parse("2026-11-29T10:00:00Z");
        Instant end = start.plusSeconds(95);
        ComputeStatus steady = new ComputeStatus("Succeeded", "Steady",
                new ComputeStatus.NodeCounts(0, 0, 0, 0, 0, 0, 0, 0), List.of());
        ComputeStatus deleting = new ComputeStatus("Deleting", null, null, List.of());
        ComputeStatus.ErrorInfo quota = ComputeStatus.ErrorInfo.of("QuotaExceeded", "quota");
        ComputeRequest leased = parsed("ensure-amlcompute-lease.json");
        Instant later = end.plus(leased.options().lease().duration());
        LeaseInfo lease = LeaseInfo.active(leased.requestId(), later, leased.options().lease().onExpiry());
        Verdict.Rejected invalid = (Verdict.Rejected) Samples.demoValidator().validate(
                Samples.text("invalid-request.json"), MessageEnvelope.NONE);
        List<ComputeEvent> events = List.of(
                completed(ensure, EventType.READY, Outcome.CREATED, steady, List.of(), List.of(), 4, start, end),
                completed(ensure, EventType.READY, Outcome.EXISTING, steady, List.of(),
                        List.of(new Drift("maxNodes", "4", "2")), 1, start, end),
                completed(ensure, EventType.READY, Outcome.RECONCILED, steady, List.of(),
                        List.of(new Drift("maxNodes", "4", "2")), 3, start, end),
                completed(attach, EventType.READY, Outcome.ATTACHED, steady, List.of(), List.of(), 2, start, end),
                completed(update, EventType.READY, Outcome.UPDATED, steady, List.of(), List.of(), 2, start, end),
                completed(delete, EventType.DELETED, Outcome.DELETED, null, List.of(), List.of(), 0, start, end),
                completed(delete, EventType.DELETED, Outcome.DELETED, deleting, List.of(), List.of(), 3, start, end),
                completed(detach, EventType.DETACHED, Outcome.DETACHED, null, List.of(), List.of(), 0, start, end),
                completed(detach, EventType.DETACHED, Outcome.DETACHED, deleting, List.of(), List.of(), 1, start, end),
                completed(ensure, EventType.FAILED, Outcome.CREATED,
                        new ComputeStatus("Failed", null, null, List.of(quota)), List.of(quota), List.of(), 2, start, end),
                completed(delete, EventType.FAILED, null, null,
                        List.of(ComputeStatus.ErrorInfo.of("AuthorizationFailed", "no access")), List.of(), 0, start, end),
                // Refused by the pre-flight: nothing written, outcome rejected, the finding with its numbers.
                completed(ensure, EventType.FAILED, Outcome.REJECTED, null, List.of(new ComputeStatus.ErrorInfo(
                        "PREFLIGHT_FAMILY_QUOTA_EXCEEDED", "only 6 of 24 vCPUs left", "$.options.waitForNodes",
                        new CoreQuota("Standard NC Family Cluster Dedicated vCPUs", "family", "westeurope", 24, 18, 6,
                                12, 2, 6), null), new ComputeStatus.ErrorInfo("PREFLIGHT_VM_SIZE_NOT_OFFERED",
                        "not offered", "$.compute.vmSize", null, List.of("Standard_NC6", "Standard_NC12"))),
                        List.of(), 0, start, end),
                // Ready, with the pre-flight's warning that maxNodes will not fit.
                ComputeEvents.completed(ensure, new Completion(EventType.READY, Outcome.CREATED, steady, List.of(),
                        List.of(), 3, List.of(new ComputeStatus.ErrorInfo("PREFLIGHT_MAX_NODES_EXCEED_QUOTA",
                        "can grow to 1 node", "$.compute.maxNodes", new CoreQuota("Total Cluster Dedicated Regional"
                        + " vCPUs", "region", "westeurope", 100, 94, 6, 24, 4, 6), null))), start, end),
                completed(ensure, EventType.TIMED_OUT, Outcome.CREATED, new ComputeStatus("Creating", null, null, List.of()),
                        List.of(ComputeStatus.ErrorInfo.of("DeadlineExceeded", "not ready within PT30M")), List.of(), 9,
                        start, end),
                completed(instance, EventType.READY, Outcome.CREATED, running, List.of(), List.of(), 5, start, end),
                completed(instance, EventType.READY, Outcome.EXISTING, stopped, List.of(),
                        List.of(new Drift("idleTimeBeforeShutdown", "PT1H", "PT4H")), 0, start, end),
                completed(startInstance, EventType.READY, Outcome.STARTED, running, List.of(), List.of(), 3, start, end),
                completed(stopInstance, EventType.READY, Outcome.STOPPED, stopped, List.of(), List.of(), 2, start, end),
                completed(restartInstance, EventType.READY, Outcome.RESTARTED, running, List.of(), List.of(), 2, start, end),
                completed(startInstance, EventType.FAILED, Outcome.STARTED, new ComputeStatus("Succeeded", null, null,
                                List.of(ComputeStatus.ErrorInfo.of("ComputeInstanceUnusable", "unusable node")),
                                new InstanceStatus("Unusable", null, null, List.of(), null)),
                        List.of(ComputeStatus.ErrorInfo.of("InstanceUnusable", "is Unusable")), List.of(), 1, start, end),
                ComputeEvents.rejected(invalid.context(), invalid.errors(), end, "m-1"),
                completed(leased, EventType.READY, Outcome.CREATED, steady, List.of(), List.of(), 4, start, end, lease),
                completed(ensure, EventType.CANCELLED, Outcome.CANCELLED, new ComputeStatus("Deleting", null, null,
                        List.of()), List.of(ComputeStatus.ErrorInfo.of("Cancelled", "cancelled by request c-1")),
                        List.of(), 2, start, end),
                ComputeEvents.lease(leased, EventType.LEASE_EXPIRING, lease, steady, List.of(), end, later),
                ComputeEvents.lease(leased, EventType.LEASE_EXPIRED, new LeaseInfo(lease.leaseId(), later,
                        LeaseExpiry.DELETE, LeaseResult.DELETED, null), null, List.of(), end, later),
                ComputeEvents.lease(leased, EventType.LEASE_EXPIRED, new LeaseInfo(lease.leaseId(), later,
                        LeaseExpiry.DELETE, LeaseResult.KEPT, "not created by this lease"), steady, List.of(), end, later),
                ComputeEvents.lease(leased, EventType.LEASE_EXPIRED, new LeaseInfo(lease.leaseId(), later,
                        LeaseExpiry.SCALE_TO_ZERO, LeaseResult.SCALED_TO_ZERO, null), steady, List.of(), end, later),
                ComputeEvents.lease(leased, EventType.LEASE_EXPIRED, new LeaseInfo(lease.leaseId(), later,
                        LeaseExpiry.DELETE, LeaseResult.ALREADY_GONE, "gone"), null, List.of(), end, later),
                // A compute instance's lease that stopped it: the status shows it Stopped.
                ComputeEvents.lease(parsed("ensure-computeinstance-lease.json"), EventType.LEASE_EXPIRED,
                        new LeaseInfo("demo-ensure-instance-lease-001", later, LeaseExpiry.STOP, LeaseResult.STOPPED,
                                null), stopped, List.of(), end, later),
                ComputeEvents.lease(leased, EventType.LEASE_EXPIRED, new LeaseInfo(lease.leaseId(), later,
                        LeaseExpiry.DELETE, LeaseResult.FAILED, null), steady, List.of(quota), end, later),
                ComputeEvents.leaseAnswer(leased, EventType.LEASE_RENEWED, Action.RENEW, "renew-1", "run-1",
                        LeaseInfo.active(lease.leaseId(), later.plusSeconds(7200), LeaseExpiry.DELETE), end),
                ComputeEvents.leaseAnswer(leased, EventType.LEASE_RELEASED, Action.RELEASE, "release-1", "run-1",
                        LeaseInfo.active(lease.leaseId(), end, LeaseExpiry.DELETE), end),
                ComputeEvents.rejected(new io.amlcompute.provisioner.contract.validation.RequestContext("cancel-1",
                        "run-1", Action.CANCEL, leased.workspace(), leased.computeName(),
                        leased.operation().computeType()), List.of(new io.amlcompute.provisioner.contract.validation
                        .ValidationError(io.amlcompute.provisioner.contract.validation.ReasonCode.NOT_CANCELLABLE,
                        "$.targetRequestId", "ready and leased")), end, "cancel-1"),
                ComputeEvents.rejected(io.amlcompute.provisioner.contract.validation.RequestContext.EMPTY,
                        List.of(new io.amlcompute.provisioner.contract.validation.ValidationError(
                                io.amlcompute.provisioner.contract.validation.ReasonCode.MALFORMED_JSON, "$", "bad")),
                        end, "m-2"));

        for (ComputeEvent event : events) {
            JsonNode json = Json.MAPPER.valueToTree(event);
            assertThat(EVENT_SCHEMA.validate(json)).as(json::toString).isEmpty();
        }
        // A new event type or outcome fails here until an event of it is built above and checked.
        assertThat(events).extracting(ComputeEvent::type).containsAll(EnumSet.allOf(EventType.class));
        assertThat(events).extracting(e -> e.data().outcome()).containsAll(EnumSet.allOf(Outcome.class));
        assertThat(events).extracting(e -> e.data().lease() == null ? null : e.data().lease().result())
                .containsAll(EnumSet.allOf(LeaseResult.class));
    }

    @Test
    void eventSchemaRefusesAnInstanceStatusWithUnknownFields() {
        JsonNode event = Json.MAPPER.valueToTree(completed(parsed("start-computeinstance.json"), EventType.READY,
                Outcome.STARTED, new ComputeStatus("Succeeded", null, null, List.of(),
                        new InstanceStatus("Running", null, null, List.of(), null)), List.of(), List.of(), 1,
                Instant.EPOCH, Instant.EPOCH));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("data").path("status").path("instance"))
                .put("password", "x");

        assertThat(EVENT_SCHEMA.validate(event)).isNotEmpty();
    }

    private static ComputeRequest parsed(String sample) {
        return ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard())
                .parse(Samples.text(sample), MessageEnvelope.NONE)).request();
    }

    private static ComputeEvent completed(ComputeRequest request, EventType type, Outcome outcome, ComputeStatus status,
                                          List<ComputeStatus.ErrorInfo> errors, List<Drift> drift, int polls,
                                          Instant start, Instant end) {
        return completed(request, type, outcome, status, errors, drift, polls, start, end, null);
    }

    private static ComputeEvent completed(ComputeRequest request, EventType type, Outcome outcome, ComputeStatus status,
                                          List<ComputeStatus.ErrorInfo> errors, List<Drift> drift, int polls,
                                          Instant start, Instant end, LeaseInfo lease) {
        return ComputeEvents.completed(request, new Completion(type, outcome, status, errors, drift, polls), start, end,
                lease);
    }

    @Test
    void eventsWithoutWarningsCarryNoWarningsFieldSoOlderConsumersSeeNoChange() {
        JsonNode ready = Json.MAPPER.valueToTree(ComputeEvents.completed(parsed("ensure-amlcompute.json"),
                new Completion(EventType.READY, Outcome.CREATED, null, List.of(), List.of(), 1), Instant.EPOCH,
                Instant.EPOCH));
        JsonNode warned = Json.MAPPER.valueToTree(ComputeEvents.completed(parsed("ensure-amlcompute.json"),
                new Completion(EventType.READY, Outcome.CREATED, null, List.of(), List.of(), 1,
                        List.of(ComputeStatus.ErrorInfo.of("PREFLIGHT_MAX_NODES_EXCEED_QUOTA", "x"))), Instant.EPOCH,
                Instant.EPOCH));

        assertThat(ready.path("data").has("warnings")).isFalse();
        assertThat(warned.path("data").path("warnings")).hasSize(1);
    }

    @Test
    void eventSchemaRejectsAQuotaFindingWithoutItsNumbers() {
        JsonNode event = Json.MAPPER.valueToTree(ComputeEvents.completed(parsed("ensure-amlcompute.json"),
                new Completion(EventType.FAILED, Outcome.REJECTED, null, List.of(ComputeStatus.ErrorInfo.of("x", "y")),
                        List.of(), 0), Instant.EPOCH, Instant.EPOCH));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("data").path("errors").get(0))
                .putObject("quota").put("name", "Standard NC Family Cluster Dedicated vCPUs");

        assertThat(EVENT_SCHEMA.validate(event)).isNotEmpty();
    }

    @Test
    void eventSchemaRejectsAFailureWithoutErrors() {
        JsonNode event = Json.MAPPER.valueToTree(ComputeEvents.completed(
                ((ParseResult.Parsed) new RequestParser(RequestDefaults.standard())
                        .parse(Samples.text("ensure-amlcompute.json"), MessageEnvelope.NONE)).request(),
                new Completion(EventType.FAILED, null, null, List.of(), List.of(), 0),
                Instant.EPOCH, Instant.EPOCH));

        assertThat(EVENT_SCHEMA.validate(event)).isNotEmpty();
    }

    private static Arguments invalid(String name, String body) {
        return arguments(named(name, body));
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = ContractSchemasTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
