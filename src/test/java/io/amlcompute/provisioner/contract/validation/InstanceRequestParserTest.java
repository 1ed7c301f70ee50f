package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ApplicationSharingPolicy;
import io.amlcompute.provisioner.contract.AssignedUser;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.DeleteCompute;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstancePowerChange;
import io.amlcompute.provisioner.contract.InstanceSchedule;
import io.amlcompute.provisioner.contract.LeaseExpiry;
import io.amlcompute.provisioner.contract.LeaseOptions;
import io.amlcompute.provisioner.contract.SetupScripts;
import io.amlcompute.provisioner.contract.SshPublicAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static io.amlcompute.provisioner.contract.validation.Samples.with;
import static io.amlcompute.provisioner.contract.validation.Samples.without;
import static org.assertj.core.api.Assertions.assertThat;

class InstanceRequestParserTest {

    private static final String ENSURE = "ensure-computeinstance.json";

    private final RequestParser parser = new RequestParser(RequestDefaults.standard());

    @Test
    void readsEverySettingOfTheInstanceSample() {
        EnsureComputeInstance instance = (EnsureComputeInstance) parsed(Samples.text(ENSURE)).operation();

        assertThat(instance.computeName()).isEqualTo("ci-alice");
        assertThat(instance.vmSize()).isEqualTo("Standard_DS3_v2");
        assertThat(instance.assignedUser()).isEqualTo(new AssignedUser("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
                "99999999-8888-4777-8666-555555555555"));
        assertThat(instance.applicationSharingPolicy()).isEqualTo(ApplicationSharingPolicy.PERSONAL);
        assertThat(instance.ssh().publicAccess()).isEqualTo(SshPublicAccess.DISABLED);
        assertThat(instance.ssh().adminPublicKey()).isNull();
        assertThat(instance.enableNodePublicIp()).isTrue();
        assertThat(instance.idleTimeBeforeShutdown()).isEqualTo(Duration.ofHours(1));
        assertThat(instance.schedules()).containsExactly(
                new InstanceSchedule(InstanceSchedule.PowerAction.STOP, true,
                        new InstanceSchedule.Trigger.Cron("0 19 * * 1-5", "W. Europe Standard Time", null)),
                new InstanceSchedule(InstanceSchedule.PowerAction.START, false,
                        new InstanceSchedule.Trigger.Recurrence(InstanceSchedule.Frequency.WEEK, 1,
                                "W. Europe Standard Time", null, List.of(8), List.of(30),
                                List.of(InstanceSchedule.WeekDay.MONDAY, InstanceSchedule.WeekDay.WEDNESDAY), List.of())));
        assertThat(instance.enableSso()).isFalse();
        assertThat(instance.setupScripts()).isEqualTo(new SetupScripts(
                new SetupScripts.Script("Users/alice/setup.sh", "--quiet", Duration.ofMinutes(10)), null));
        assertThat(instance.tags()).containsEntry("owner", "alice");
        assertThat(instance.computeType()).isEqualTo(ComputeType.COMPUTE_INSTANCE);
    }

    @Test
    void anInstanceMayBeHeldOnALeaseThatStopsItAtTheEnd() {
        ComputeRequest request = parsed(Samples.text("ensure-computeinstance-lease.json"));

        assertThat(request.options().lease()).isEqualTo(new LeaseOptions(Duration.ofHours(8), LeaseExpiry.STOP));
        assertThat(parsed(with(ENSURE, "/options/lease", "{\"duration\":\"PT2H\",\"onExpiry\":\"delete\"}"))
                .options().lease().onExpiry()).isEqualTo(LeaseExpiry.DELETE);
    }

    @Test
    void fillsInTheDefaultsAnInstanceRequestLeavesOut() {
        String minimal = "{\"schemaVersion\":\"1.0\",\"action\":\"ensure\",\"requestId\":\"r-1\",\"workspace\":"
                + Samples.load(ENSURE).get("workspace") + ",\"compute\":{\"name\":\"ci-team\",\"type\":\"ComputeInstance\","
                + "\"vmSize\":\"Standard_DS3_v2\"}}";

        EnsureComputeInstance instance = (EnsureComputeInstance) parsed(minimal).operation();

        assertThat(instance.assignedUser()).isNull();
        assertThat(instance.applicationSharingPolicy()).as("without a person, the team shares it")
                .isEqualTo(ApplicationSharingPolicy.SHARED);
        assertThat(instance.ssh().publicAccess()).isEqualTo(SshPublicAccess.DISABLED);
        assertThat(instance.enableNodePublicIp()).isTrue();
        assertThat(instance.idleTimeBeforeShutdown()).as("no instance runs unwatched").isEqualTo(Duration.ofHours(1));
        assertThat(instance.enableSso()).isTrue();
        assertThat(instance.schedules()).isEmpty();
        assertThat(instance.setupScripts()).isNull();
    }

    @Test
    void anInstanceForSomeoneIsPersonalByDefault() {
        EnsureComputeInstance instance = (EnsureComputeInstance) parsed(
                without(ENSURE, "/compute/applicationSharingPolicy")).operation();

        assertThat(instance.applicationSharingPolicy()).isEqualTo(ApplicationSharingPolicy.PERSONAL);
    }

    @Test
    void singleSignOnIsOffByDefaultForSomeoneWithSetupScriptsAndOnOtherwise() {
        EnsureComputeInstance withScripts = (EnsureComputeInstance) parsed(without(ENSURE, "/compute/enableSSO"))
                .operation();
        EnsureComputeInstance withoutScripts = (EnsureComputeInstance) parsed(Samples.remove(
                without(ENSURE, "/compute/enableSSO"), "/compute/setupScripts")).operation();

        assertThat(withScripts.enableSso()).isFalse();
        assertThat(withoutScripts.enableSso()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"start-computeinstance.json,START", "stop-computeinstance.json,STOP",
            "restart-computeinstance.json,RESTART"})
    void readsAPowerActionOfAnInstance(String sample, Action action) {
        ComputeRequest request = parsed(Samples.text(sample));

        assertThat(request.operation()).isEqualTo(new InstancePowerChange("ci-alice", action));
        assertThat(request.action()).isEqualTo(action);
    }

    @Test
    void aPowerActionWithoutTypeMeansAComputeInstance() {
        ComputeRequest request = parsed(without("start-computeinstance.json", "/compute/type"));

        assertThat(request.operation().computeType()).isEqualTo(ComputeType.COMPUTE_INSTANCE);
    }

    @Test
    void deleteNamesTheManagedTypeItExpects() {
        assertThat(parsed(Samples.text("delete-computeinstance.json")).operation())
                .isEqualTo(new DeleteCompute("ci-alice", ComputeType.COMPUTE_INSTANCE));
        assertThat(parsed(without("delete-computeinstance.json", "/compute/type")).operation())
                .as("a delete without type is of an AmlCompute cluster, as before")
                .isEqualTo(new DeleteCompute("ci-alice", ComputeType.AML_COMPUTE));
    }

    @Test
    void writesEveryDefaultOfAnInstanceSoTheOrchestrationReadsTheSameRequest() {
        ComputeRequest request = parsed(with(ENSURE, "/compute/idleTimeBeforeShutdown", "\"PT90M\""));

        String canonical = RequestWriter.toJson(request);

        assertThat(parsed(canonical)).isEqualTo(request);
        assertThat(Samples.tree(canonical).path("compute").path("idleTimeBeforeShutdown").asText()).isEqualTo("PT1H30M");
        assertThat(Samples.tree(canonical).path("compute").path("enableSSO").asBoolean(true)).isFalse();
    }

    private ComputeRequest parsed(String body) {
        ParseResult result = parser.parse(body, MessageEnvelope.NONE);
        assertThat(result).as(result::toString).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).request();
    }
}
