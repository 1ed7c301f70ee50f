package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ApplicationSharingPolicy;
import io.amlcompute.provisioner.contract.AssignedUser;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstanceSchedule;
import io.amlcompute.provisioner.contract.InstanceSsh;
import io.amlcompute.provisioner.contract.event.Drift;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A compute instance's drift, field by field, with the forms ARM writes (DriftDetector). */
class InstanceDriftTest {

    private static final AssignedUser ALICE = new AssignedUser("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
            "99999999-8888-4777-8666-555555555555");
    private static final InstanceSchedule STOP = new InstanceSchedule(InstanceSchedule.PowerAction.STOP, true,
            new InstanceSchedule.Trigger.Cron("0 19 * * 1-5", "UTC", null));
    private static final InstanceSchedule START = new InstanceSchedule(InstanceSchedule.PowerAction.START, true,
            new InstanceSchedule.Trigger.Recurrence(InstanceSchedule.Frequency.WEEK, 1, "UTC", null, List.of(8),
                    List.of(0), List.of(InstanceSchedule.WeekDay.MONDAY), List.of()));

    private static EnsureComputeInstance requested(List<InstanceSchedule> schedules) {
        return new EnsureComputeInstance("ci-alice", "Standard_DS3_v2", ALICE, ApplicationSharingPolicy.PERSONAL,
                InstanceSsh.DISABLED, null, true, Duration.ofHours(1), schedules, true, null, Map.of(), null);
    }

    private static ComputeResource actual(String vmSize, String objectId, String idle, List<String> schedules) {
        return new ComputeResource("id", "ComputeInstance", false, null, "westeurope", null,
                new ComputeStatus("Succeeded", null, null, List.of()), null, Map.of(),
                new ComputeResource.InstanceSettings(vmSize, objectId, ALICE.tenantId(), null, "Personal", "Disabled",
                        true, idle, true, schedules));
    }

    @Test
    void noDriftWhenArmWritesTheSameThingsItsOwnWay() {
        List<Drift> drift = DriftDetector.of(requested(List.of(STOP, START)),
                actual("STANDARD_DS3_V2", ALICE.objectId().toUpperCase(), "PT60M",
                        List.of(START.describe(), STOP.describe())));

        assertThat(drift).as("sizes and GUIDs without case, PT60M is PT1H, schedules in any order").isEmpty();
    }

    @Test
    void reportsEachDifferenceWithBothValues() {
        List<Drift> drift = DriftDetector.of(requested(List.of(STOP)),
                actual("Standard_DS4_v2", "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "PT4H", List.of()));

        assertThat(drift).extracting(Drift::field).containsExactlyInAnyOrder("vmSize", "assignedUser",
                "idleTimeBeforeShutdown", "schedules");
        assertThat(drift).contains(new Drift("idleTimeBeforeShutdown", "PT1H", "PT4H"));
        assertThat(drift).filteredOn(d -> d.field().equals("schedules")).singleElement()
                .satisfies(d -> assertThat(d.requested()).isEqualTo(STOP.describe()));
    }

    @Test
    void aFieldArmDoesNotReturnIsNoDrift() {
        assertThat(DriftDetector.of(requested(List.of()), actual("Standard_DS3_v2", ALICE.objectId(), null, null)))
                .isEmpty();
    }
}
