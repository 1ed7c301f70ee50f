package io.amlcompute.provisioner.arm;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.OsType;
import io.amlcompute.provisioner.contract.PreflightMode;
import io.amlcompute.provisioner.contract.RemoteLoginPortPublicAccess;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.local.arm.ArmEmulatorBuilder;
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.preflight.Preflight;
import io.amlcompute.provisioner.provisioning.preflight.PreflightPolicy;
import io.amlcompute.provisioner.provisioning.preflight.RegionOffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The pre-flight of the action step over HTTP: the real gateway's region reads against the ARM emulator seeded with a
 * region whose NC family has 6 of 24 dedicated vCPUs left (18 in use elsewhere), and ComputeActions deciding.
 */
class PreflightOverArmTest {

    private static final String NAME = "gpu-cluster";
    private static final String USAGES = "/locations/westeurope/usages";

    private EmulatedArm arm;
    private int requests;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private void start(Consumer<ArmEmulatorBuilder> more) {
        arm = EmulatedArm.start(b -> {
            b.region("westeurope", r -> r.familyQuota("standardNCFamily", "Dedicated", 24)
                    .inUseElsewhere("standardNCFamily", "Dedicated", 18));
            more.accept(b);
        });
    }

    private ComputeActions actions(Duration cacheTtl) {
        return new ComputeActions(arm.gateway, new Preflight(arm.gateway.regionReader(),
                new PreflightPolicy(false, cacheTtl), arm.clock));
    }

    private ComputeRequest ensure(String vmSize, int minNodes, int maxNodes, int waitForNodes, PreflightMode mode) {
        return new ComputeRequest("req-preflight-" + ++requests, "corr-preflight", EmulatedArm.WORKSPACE,
                new EnsureAmlCompute(NAME + requests, vmSize, VmPriority.DEDICATED,
                        new ScaleSettings(minNodes, maxNodes, Duration.ofSeconds(120)), null, null, null,
                        OsType.LINUX, RemoteLoginPortPublicAccess.NOT_SPECIFIED, true, null, Map.of(), null),
                new RequestOptions(Duration.ofMinutes(30), waitForNodes, OnExisting.REUSE, OnFailedLeftover.FAIL,
                        mode));
    }

    private List<RecordedRequest> writes() {
        return arm.requests().stream().filter(r -> !r.method().equals("GET")).toList();
    }

    private long reads(String list) {
        return arm.requests().stream().filter(r -> r.path().endsWith("/locations/westeurope/" + list)).count();
    }

    @Test
    void theGatewayReadsTheRegionsSizesUsagesAndQuotas() {
        start(b -> b.listPageSize(4));

        RegionOffer offer = arm.gateway.regionReader().read(EmulatedArm.SUBSCRIPTION, "West Europe", "corr");

        assertThat(offer.region()).isEqualTo("westeurope");
        assertThat(offer.vmSize("standard_nc6")).hasValueSatisfying(size -> {
            assertThat(size.family()).isEqualTo("standardNCFamily");
            assertThat(size.vCPUs()).isEqualTo(6);
        });
        assertThat(offer.usages()).as("every page, following nextLink").anySatisfy(row -> {
            assertThat(row.name()).isEqualTo("Standard NC Family Cluster Dedicated vCPUs");
            assertThat(row.currentValue()).isEqualTo(18);
            assertThat(row.limit()).isEqualTo(24);
        });
        assertThat(reads("usages")).isGreaterThan(1);
        assertThat(offer.quotas()).anySatisfy(row -> assertThat(row.limit()).isEqualTo(24));
    }

    @Test
    void enforceRefusesBeforeThePutWithOutcomeRejectedAndTheNumbers() {
        start(b -> {
        });

        ActionResult result = actions(Duration.ofMinutes(1)).perform(ensure("Standard_NC6", 0, 4, 2,
                PreflightMode.ENFORCE));

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(failed.errors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
                assertThat(error.path()).isEqualTo("$.options.waitForNodes");
                assertThat(error.quota().available()).isEqualTo(6);
                assertThat(error.quota().needed()).isEqualTo(12);
            });
        });
        assertThat(writes()).as("nothing was created").isEmpty();
    }

    @Test
    void warnGoesAheadAndCarriesTheFindingsAsWarnings() {
        start(b -> {
        });

        ActionResult result = actions(Duration.ofMinutes(1)).perform(ensure("Standard_NC6", 0, 4, 2,
                PreflightMode.WARN));

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done -> {
            assertThat(done.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(done.warnings()).extracting(ComputeStatus.ErrorInfo::code)
                    .containsExactly("PREFLIGHT_FAMILY_QUOTA_EXCEEDED");
        });
        assertThat(writes()).extracting(RecordedRequest::method).containsExactly("PUT");
    }

    @Test
    void offWritesWithoutReadingTheRegion() {
        start(b -> {
        });

        ActionResult result = actions(Duration.ofMinutes(1)).perform(ensure("Standard_NC6", 0, 4, 2,
                PreflightMode.OFF));

        assertThat(result).isInstanceOf(ActionResult.Done.class);
        assertThat(reads("vmSizes") + reads("usages") + reads("quotas")).isZero();
    }

    @Test
    void whatFitsNowButNotAtMaxNodesIsCreatedWithAWarning() {
        start(b -> {
        });

        ActionResult result = actions(Duration.ofMinutes(1)).perform(ensure("Standard_NC6", 0, 4, 1,
                PreflightMode.ENFORCE));

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done -> assertThat(done.warnings())
                .singleElement().satisfies(warning -> {
                    assertThat(warning.code()).isEqualTo("PREFLIGHT_MAX_NODES_EXCEED_QUOTA");
                    assertThat(warning.quota().nodes()).isEqualTo(4);
                    assertThat(warning.quota().needed()).isEqualTo(24);
                }));
        assertThat(writes()).extracting(RecordedRequest::method).containsExactly("PUT");
    }

    @Test
    void aSizeTheRegionDoesNotOfferIsRefusedWithTheClosestOfferedSizes() {
        start(b -> b.region("northeurope", r -> r.offers("Standard_NC12", "Standard_NC24", "Standard_DS3_v2")));
        ComputeRequest request = ensure("Standard_NC6", 0, 1, 0, PreflightMode.ENFORCE);
        EnsureAmlCompute cluster = (EnsureAmlCompute) request.operation();
        ComputeRequest inNorthEurope = new ComputeRequest(request.requestId(), request.correlationId(),
                request.workspace(), new EnsureAmlCompute(cluster.computeName(), cluster.vmSize(),
                cluster.vmPriority(), cluster.scale(), "northeurope", null, null, OsType.LINUX,
                RemoteLoginPortPublicAccess.NOT_SPECIFIED, true, null, Map.of(), null), request.options());

        ActionResult result = actions(Duration.ofMinutes(1)).perform(inNorthEurope);

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class, failed -> assertThat(failed.errors())
                .singleElement().satisfies(error -> {
                    assertThat(error.code()).isEqualTo("PREFLIGHT_VM_SIZE_NOT_OFFERED");
                    assertThat(error.alternatives()).containsExactly("Standard_NC12", "Standard_NC24",
                            "Standard_DS3_v2");
                }));
        assertThat(writes()).isEmpty();
    }

    @Test
    void aSizeOfferedOnlyForComputeInstancesOrOnlyDedicatedIsRefusedForWhatItLacks() {
        start(b -> b.vmSizeComputeTypes("Standard_NC12", "ComputeInstance").lowPriorityIncapable("Standard_NC6"));
        ComputeRequest forInstances = ensure("Standard_NC12", 0, 1, 0, PreflightMode.ENFORCE);
        ComputeRequest dedicated = ensure("Standard_NC6", 0, 1, 0, PreflightMode.ENFORCE);
        EnsureAmlCompute cluster = (EnsureAmlCompute) dedicated.operation();
        ComputeRequest lowPriority = new ComputeRequest(dedicated.requestId(), dedicated.correlationId(),
                dedicated.workspace(), new EnsureAmlCompute(cluster.computeName(), cluster.vmSize(),
                VmPriority.LOW_PRIORITY, cluster.scale(), null, null, null, OsType.LINUX,
                RemoteLoginPortPublicAccess.NOT_SPECIFIED, true, null, Map.of(), null), dedicated.options());
        ComputeActions actions = actions(Duration.ofMinutes(1));

        assertThat(actions.perform(forInstances)).isInstanceOfSatisfying(ActionResult.Failed.class, failed ->
                assertThat(failed.errors().get(0).code()).isEqualTo("PREFLIGHT_VM_SIZE_NOT_FOR_COMPUTE_TYPE"));
        assertThat(actions.perform(lowPriority)).isInstanceOfSatisfying(ActionResult.Failed.class, failed -> {
            assertThat(failed.errors().get(0).code()).isEqualTo("PREFLIGHT_LOW_PRIORITY_NOT_OFFERED");
            assertThat(failed.errors().get(0).path()).isEqualTo("$.compute.vmPriority");
        });
        assertThat(writes()).isEmpty();
    }

    @Test
    void anUpdateThatAddsNodesIsCheckedAgainstWhatIsLeftBeyondTheNodesItHolds() {
        start(b -> b.region("westeurope", r -> r.familyQuota("standardNCFamily", "Dedicated", 30)));
        ComputeActions actions = actions(Duration.ZERO);
        actions.perform(ensure("Standard_NC6", 1, 4, 1, PreflightMode.ENFORCE));
        arm.advance(Duration.ofSeconds(30));
        String name = NAME + requests;

        ActionResult refused = actions.perform(update(name, 3, 4));
        ActionResult fits = actions.perform(update(name, 2, 4));

        assertThat(refused).isInstanceOfSatisfying(ActionResult.Failed.class, failed -> {
            assertThat(failed.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(failed.errors().get(0).quota()).satisfies(q -> {
                assertThat(q.used()).as("18 elsewhere, 6 its own").isEqualTo(24);
                assertThat(q.needed()).as("2 more nodes").isEqualTo(12);
            });
            assertThat(failed.errors().get(0).path()).isEqualTo("$.compute.minNodes");
        });
        assertThat(fits).as("one more node: 6 vCPUs, 6 left").isInstanceOfSatisfying(ActionResult.Done.class,
                done -> assertThat(done.outcome()).isEqualTo(Outcome.UPDATED));
        assertThat(writes()).extracting(RecordedRequest::method).containsExactly("PUT", "PATCH");
    }

    private ComputeRequest update(String name, int minNodes, int maxNodes) {
        return new ComputeRequest("req-update-" + ++requests, "corr-update", EmulatedArm.WORKSPACE,
                new UpdateScaleSettings(name, new ScaleSettings(minNodes, maxNodes, Duration.ofSeconds(120)), false),
                new RequestOptions(Duration.ofMinutes(30), 0, OnExisting.REUSE, OnFailedLeftover.FAIL,
                        PreflightMode.ENFORCE));
    }

    @Test
    void aForbiddenReadFailsTheRequestNamingTheRoleAndWritesNothing() {
        start(b -> b.withoutPermission("Microsoft.MachineLearningServices/locations/quotas/read"));

        ActionResult result = actions(Duration.ofMinutes(1)).perform(ensure("Standard_NC6", 0, 4, 0,
                PreflightMode.ENFORCE));

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class, failed -> {
            assertThat(failed.outcome()).as("nothing was done, but the request was not at fault").isNull();
            assertThat(failed.errors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo("PREFLIGHT_READ_FORBIDDEN");
                assertThat(error.message()).contains(Preflight.ROLE_NAME)
                        .contains("Microsoft.MachineLearningServices/locations/quotas/read");
            });
        });
        assertThat(writes()).isEmpty();
        assertThat(arm.requests()).filteredOn(r -> r.status() == 403).hasSize(1);
    }

    @Test
    void throttledReadsAreRetriedAsEveryArmCallThenTheStepWaits() {
        start(b -> {
        });
        arm.emulator.faults().add(FaultRule.on("GET", ".*" + USAGES).throttle(Duration.ofSeconds(5)).times(1));
        arm.emulator.faults().add(FaultRule.on("GET", ".*" + USAGES).throttle(Duration.ofMinutes(10)).times(1));

        ActionResult first = actions(Duration.ofMinutes(1)).perform(ensure("Standard_NC6", 0, 1, 0,
                PreflightMode.ENFORCE));

        assertThat(arm.pauses).as("the 5 s Retry-After was honoured in-process").contains(Duration.ofSeconds(5));
        assertThat(first).isInstanceOfSatisfying(ActionResult.Wait.class, wait -> {
            assertThat(wait.reason()).isEqualTo(ActionResult.WaitReason.THROTTLED);
            assertThat(wait.retryAfter()).isEqualTo(Duration.ofMinutes(10));
        });
        assertThat(writes()).isEmpty();
    }

    @Test
    void requestsForOneRegionWithinTheTimeToLiveShareOneSetOfReads() {
        start(b -> {
        });
        ComputeActions actions = actions(Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            actions.perform(ensure("Standard_DS3_v2", 0, 2, 0, PreflightMode.ENFORCE));
        }
        arm.advance(Duration.ofMinutes(1));
        actions.perform(ensure("Standard_DS3_v2", 0, 2, 0, PreflightMode.ENFORCE));

        assertThat(reads("vmSizes")).isEqualTo(2);
        assertThat(reads("usages")).isEqualTo(2);
        assertThat(reads("quotas")).isEqualTo(2);
    }

    @Test
    void aRegionReadWithAnUnknownSubscriptionIsArmsError() {
        start(b -> {
        });

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> arm.gateway.regionReader()
                .read("99999999-0000-0000-0000-000000000000", "westeurope", "corr"));

        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(e.code()).isEqualTo("SubscriptionNotFound");
    }
}
