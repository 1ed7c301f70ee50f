package io.amlcompute.provisioner.cli;

import io.amlcompute.provisioner.contract.LeaseExpiry;
import io.amlcompute.provisioner.contract.event.LeaseResult;
import io.amlcompute.provisioner.provisioning.LeaseView;
import io.amlcompute.provisioner.provisioning.Progress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-line progress for people, for every phase, with and without a lease. */
class ProgressLineTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(1));
    private static final String COMPUTE = "/subscriptions/s/resourceGroups/g/providers/"
            + "Microsoft.MachineLearningServices/workspaces/w/computes/c1";

    @Test
    void aWaitingRequestShowsStatesReadsTheNextReadAndTheDeadline() {
        Progress waiting = new Progress(Progress.Phase.WAITING, "Creating", "Resizing", 1, 2, 3,
                NOW.plusSeconds(20), NOW.plus(Duration.ofMinutes(29)));

        assertThat(ProgressLine.describe(waiting, NOW))
                .isEqualTo("waiting: Creating, Resizing, nodes 1/2, 3 reads, next read in 20s, deadline in 29m");
    }

    @Test
    void aWaitingInstanceShowsItsOwnState() {
        Progress waiting = new Progress(Progress.Phase.WAITING, "Succeeded", null, null, null, 2,
                NOW.plusSeconds(20), NOW.plus(Duration.ofMinutes(29))).withInstanceState("Stopping");

        assertThat(ProgressLine.describe(waiting, NOW))
                .isEqualTo("waiting: Succeeded, instance Stopping, 2 reads, next read in 20s, deadline in 29m");
    }

    @Test
    void aLeaseAskedForShowsItsDurationAndActionWhileTheComputeIsNotReady() {
        Progress waiting = new Progress(Progress.Phase.WAITING, "Creating", null, null, null, 0, null, null)
                .withLease(lease(LeaseView.State.REQUESTED, null, List.of(), null, null));

        assertThat(ProgressLine.describe(waiting, NOW))
                .isEqualTo("waiting: Creating, lease L1 of 4h once ready, on expiry delete");
    }

    @Test
    void aHeldLeaseShowsItsHolderExpiryAndActionAndWhenItWarns() {
        Progress leased = new Progress(Progress.Phase.LEASED, "Succeeded", "Steady", 0, 0, 0,
                EXPIRES.minus(Duration.ofMinutes(15)), null)
                .withLease(lease(LeaseView.State.ACTIVE, EXPIRES, List.of(), null, null));

        assertThat(ProgressLine.describe(leased, NOW)).isEqualTo("leased: Succeeded, Steady, nodes 0/0,"
                + " lease.expiring in 45m, lease L1 until 2026-11-29T11:00:00Z (in 1h), on expiry delete");
    }

    @Test
    void aHeldLeaseThatHasWarnedWakesAtItsExpiryWhichItSaysOnce() {
        Progress leased = new Progress(Progress.Phase.LEASED, "Succeeded", "Steady", 0, 0, 0, EXPIRES, null)
                .withLease(lease(LeaseView.State.ACTIVE, EXPIRES, List.of(), null, null));

        assertThat(ProgressLine.describe(leased, NOW)).isEqualTo("leased: Succeeded, Steady, nodes 0/0,"
                + " lease L1 until 2026-11-29T11:00:00Z (in 1h), on expiry delete");
    }

    @Test
    void anEndedLeaseWaitingForOtherHoldersNamesThemAndWhenItLooksAgain() {
        Progress ending = new Progress(Progress.Phase.ENDING_LEASE, "Succeeded", "Steady", 0, 0, 0,
                NOW.plus(Duration.ofMinutes(15)), null)
                .withLease(lease(LeaseView.State.ENDING, NOW, List.of("L2", "L3"), null,
                        "Waiting for the other leases on compute c1 to end."));

        assertThat(ProgressLine.describe(ending, NOW)).isEqualTo("ending lease: Succeeded, Steady, nodes 0/0,"
                + " next look in 15m, lease L1 ending, on expiry delete, held by L2, L3"
                + " (Waiting for the other leases on compute c1 to end.)");
    }

    @Test
    void anEndedLeaseWhoseComputeIsBeingDeletedShowsTheReadsAndTheDeadline() {
        Progress deleting = new Progress(Progress.Phase.ENDING_LEASE, "Deleting", null, null, null, 1,
                NOW.plusSeconds(20), NOW.plus(Duration.ofMinutes(29)))
                .withLease(lease(LeaseView.State.ENDING, NOW, List.of(), null, null));

        assertThat(ProgressLine.describe(deleting, NOW)).isEqualTo("ending lease: Deleting, 1 read,"
                + " next read in 20s, deadline in 29m, lease L1 ending, on expiry delete");
    }

    @Test
    void anOverLeaseShowsWhatItsEndDidAndWhy() {
        Progress done = new Progress(Progress.Phase.DONE, "Succeeded", "Steady", 0, 0, 0, null, null)
                .withLease(lease(LeaseView.State.ENDED, NOW, List.of(), LeaseResult.KEPT,
                        "Compute c1 was not created by request L1."));

        assertThat(ProgressLine.describe(done, NOW)).isEqualTo("done: Succeeded, Steady, nodes 0/0,"
                + " lease L1 ended: kept (Compute c1 was not created by request L1.)");
    }

    private static LeaseView lease(LeaseView.State state, Instant expiresAt, List<String> heldBy, LeaseResult result,
                                   String note) {
        return new LeaseView("L1", COMPUTE, Duration.ofHours(4), LeaseExpiry.DELETE, state, expiresAt, heldBy,
                result, note);
    }
}
