package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.PreflightMode;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.WorkspaceRef;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.amlcompute.provisioner.provisioning.preflight.Offers.NC6;
import static io.amlcompute.provisioner.provisioning.preflight.Offers.need;
import static org.assertj.core.api.Assertions.assertThat;

/** The pre-flight's modes, cache and error handling, over a region reader that counts its reads. */
class PreflightTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));

    /** NC family: 18 of 24 dedicated vCPUs in use; so 2 NC6 nodes (12 vCPUs) do not fit, 1 does. */
    private static final RegionOffer SHORT_OF_NC = Offers.region().sizes(NC6)
            .family("Standard NC Family", "Dedicated", 18, 24).build();

    private static final class Reader implements RegionReader {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger workspaceReads = new AtomicInteger();
        final List<String> regions = new ArrayList<>();
        volatile RuntimeException failure;
        volatile CountDownLatch gate;

        @Override
        public String workspaceRegion(WorkspaceRef workspace, String correlationId) {
            workspaceReads.incrementAndGet();
            return "West Europe";
        }

        @Override
        public RegionOffer read(String subscriptionId, String region, String correlationId) {
            reads.incrementAndGet();
            synchronized (regions) {
                regions.add(region);
            }
            if (gate != null) {
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                throw failure;
            }
            return SHORT_OF_NC;
        }
    }

    private final Reader reader = new Reader();

    private Preflight preflight(boolean forceEnforce, Duration ttl) {
        return new Preflight(reader, new PreflightPolicy(forceEnforce, ttl), clock);
    }

    private static CapacityNeed twoNodes() {
        return need("Standard_NC6", VmPriority.DEDICATED, 0, 2, 2);
    }

    @Test
    void enforceRefusesWhatWouldNotFit() {
        PreflightVerdict verdict = preflight(false, Duration.ofMinutes(1)).check(twoNodes(), PreflightMode.ENFORCE,
                "corr");

        assertThat(verdict).isInstanceOfSatisfying(PreflightVerdict.Refuse.class, refuse -> assertThat(refuse.errors())
                .extracting(ComputeStatus.ErrorInfo::code).containsExactly("PREFLIGHT_FAMILY_QUOTA_EXCEEDED"));
    }

    @Test
    void warnReportsTheSameFindingsAndNeverRefuses() {
        PreflightVerdict verdict = preflight(false, Duration.ofMinutes(1)).check(twoNodes(), PreflightMode.WARN,
                "corr");

        assertThat(verdict).isInstanceOfSatisfying(PreflightVerdict.Proceed.class, proceed -> assertThat(
                proceed.warnings()).extracting(ComputeStatus.ErrorInfo::code)
                .containsExactly("PREFLIGHT_FAMILY_QUOTA_EXCEEDED"));
    }

    @Test
    void offReadsNothing() {
        PreflightVerdict verdict = preflight(false, Duration.ofMinutes(1)).check(twoNodes(), PreflightMode.OFF,
                "corr");

        assertThat(verdict).isEqualTo(new PreflightVerdict.Proceed(List.of()));
        assertThat(reader.reads).hasValue(0);
        assertThat(reader.workspaceReads).hasValue(0);
    }

    @Test
    void theAppCanForceEnforceOnEveryRequest() {
        Preflight forced = preflight(true, Duration.ofMinutes(1));

        assertThat(forced.check(twoNodes(), PreflightMode.OFF, "corr")).isInstanceOf(PreflightVerdict.Refuse.class);
        assertThat(forced.check(twoNodes(), PreflightMode.WARN, "corr")).isInstanceOf(PreflightVerdict.Refuse.class);
        assertThat(forced.effectiveMode(PreflightMode.WARN)).isEqualTo(PreflightMode.ENFORCE);
    }

    @Test
    void aRequestWithoutALocationIsCheckedInItsWorkspacesRegion() {
        preflight(false, Duration.ofMinutes(1)).check(twoNodes(), PreflightMode.ENFORCE, "corr");

        assertThat(reader.workspaceReads).hasValue(1);
        assertThat(reader.regions).containsExactly("West Europe");
    }

    @Test
    void whatWasReadIsUsedAgainForTheSubscriptionAndRegionUntilItsTimeIsUp() {
        Preflight preflight = preflight(false, Duration.ofMinutes(1));

        preflight.check(twoNodes(), PreflightMode.ENFORCE, "a");
        clock.advance(Duration.ofSeconds(59));
        preflight.check(need("Standard_NC6", VmPriority.DEDICATED, 0, 1, 1), PreflightMode.WARN, "b");
        assertThat(reader.reads).as("within the time to live").hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        preflight.check(twoNodes(), PreflightMode.ENFORCE, "c");
        assertThat(reader.reads).as("read again once it is up").hasValue(2);
        assertThat(preflight.regionReads()).isEqualTo(2);
    }

    @Test
    void aTimeToLiveOfZeroReadsForEveryRequest() {
        Preflight preflight = preflight(false, Duration.ZERO);

        preflight.check(twoNodes(), PreflightMode.ENFORCE, "a");
        preflight.check(twoNodes(), PreflightMode.ENFORCE, "b");

        assertThat(reader.reads).hasValue(2);
    }

    @Test
    void requestsThatArriveWhileARegionIsReadWaitForThatRead() throws Exception {
        Preflight preflight = preflight(false, Duration.ofMinutes(1));
        reader.gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<PreflightVerdict>> verdicts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                verdicts.add(pool.submit(() -> preflight.check(twoNodes(), PreflightMode.ENFORCE, "burst")));
            }
            Thread.sleep(200);
            reader.gate.countDown();
            for (Future<PreflightVerdict> verdict : verdicts) {
                assertThat(verdict.get(10, TimeUnit.SECONDS)).isInstanceOf(PreflightVerdict.Refuse.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(reader.reads).hasValue(1);
    }

    @Test
    void aForbiddenReadIsAConfigurationErrorThatNamesTheRoleNotASilentSkip() {
        reader.failure = new ProvisioningException(ErrorKind.FORBIDDEN, "AuthorizationFailed", "The client 'x' with"
                + " object id 'x' does not have authorization to perform action "
                + "'Microsoft.MachineLearningServices/locations/usages/read'.");

        PreflightVerdict enforced = preflight(false, Duration.ofMinutes(1)).check(twoNodes(), PreflightMode.ENFORCE,
                "corr");
        PreflightVerdict warned = preflight(false, Duration.ofMinutes(1)).check(twoNodes(), PreflightMode.WARN,
                "corr");

        assertThat(enforced).isInstanceOfSatisfying(PreflightVerdict.Fail.class, fail ->
                assertThat(fail.errors()).singleElement().satisfies(error -> {
                    assertThat(error.code()).isEqualTo("PREFLIGHT_READ_FORBIDDEN");
                    assertThat(error.message()).contains("'" + Preflight.ROLE_NAME + "'")
                            .contains("Microsoft.MachineLearningServices/locations/usages/read")
                            .contains("subscription " + Offers.SUBSCRIPTION).contains("AuthorizationFailed");
                }));
        assertThat(warned).isInstanceOfSatisfying(PreflightVerdict.Proceed.class, proceed ->
                assertThat(proceed.warnings()).extracting(ComputeStatus.ErrorInfo::code)
                        .containsExactly("PREFLIGHT_READ_FORBIDDEN"));
    }

    @Test
    void aThrottledOrTransientReadWaitsLikeAnyArmCallAndIsNotKept() {
        reader.failure = new ProvisioningException(ErrorKind.THROTTLED, "SubscriptionRequestsThrottled",
                "Number of 'read' requests for the subscription exceeded.", Duration.ofSeconds(90), null);
        Preflight preflight = preflight(false, Duration.ofMinutes(1));

        PreflightVerdict verdict = preflight.check(twoNodes(), PreflightMode.WARN, "corr");
        reader.failure = null;
        PreflightVerdict later = preflight.check(twoNodes(), PreflightMode.ENFORCE, "corr");

        assertThat(verdict).isInstanceOfSatisfying(PreflightVerdict.Wait.class, wait -> {
            assertThat(wait.kind()).isEqualTo(ErrorKind.THROTTLED);
            assertThat(wait.retryAfter()).isEqualTo(Duration.ofSeconds(90));
        });
        assertThat(later).isInstanceOf(PreflightVerdict.Refuse.class);
        assertThat(reader.reads).as("the failed read was not kept").hasValue(2);
    }

    @Test
    void anyOtherReadFailureFailsUnderEnforceAndWarnsUnderWarn() {
        reader.failure = new ProvisioningException(ErrorKind.NOT_FOUND, "SubscriptionNotFound",
                "The subscription could not be found.");

        assertThat(preflight(false, Duration.ZERO).check(twoNodes(), PreflightMode.ENFORCE, "corr"))
                .isInstanceOfSatisfying(PreflightVerdict.Fail.class, fail -> assertThat(fail.errors())
                        .extracting(ComputeStatus.ErrorInfo::code).containsExactly("PREFLIGHT_READ_FAILED"));
        assertThat(preflight(false, Duration.ZERO).check(twoNodes(), PreflightMode.WARN, "corr"))
                .isInstanceOf(PreflightVerdict.Proceed.class);
    }

    @Test
    void withoutRegionReadsEveryCheckGoesAhead() {
        assertThat(Preflight.none().check(twoNodes(), PreflightMode.ENFORCE, "corr"))
                .isEqualTo(new PreflightVerdict.Proceed(List.of()));
    }
}
