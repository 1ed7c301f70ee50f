package io.amlcompute.provisioner.provisioning.preflight;

import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.CoreQuota;
import io.amlcompute.provisioner.contract.VmPriority;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.amlcompute.provisioner.provisioning.preflight.Offers.DS3_V2;
import static io.amlcompute.provisioner.provisioning.preflight.Offers.DS4_V2;
import static io.amlcompute.provisioner.provisioning.preflight.Offers.E4S_V3;
import static io.amlcompute.provisioner.provisioning.preflight.Offers.NC12;
import static io.amlcompute.provisioner.provisioning.preflight.Offers.NC24;
import static io.amlcompute.provisioner.provisioning.preflight.Offers.NC4AS_T4;
import static io.amlcompute.provisioner.provisioning.preflight.Offers.NC6;
import static io.amlcompute.provisioner.provisioning.preflight.Offers.REGION;
import static io.amlcompute.provisioner.provisioning.preflight.Offers.instanceNeed;
import static io.amlcompute.provisioner.provisioning.preflight.Offers.need;
import static org.assertj.core.api.Assertions.assertThat;

class PreflightCheckTest {

    private static List<Finding> check(CapacityNeed need, Offers offers) {
        return PreflightCheck.of(need, REGION, offers.build());
    }

    private static Offers gpuRegion() {
        return Offers.region().sizes(DS3_V2, DS4_V2, E4S_V3, NC6, NC12, NC24, NC4AS_T4);
    }

    @Test
    void aSizeTheRegionDoesNotOfferIsRefusedWithTheThreeClosestOfferedSizes() {
        List<Finding> findings = check(need("Standard_NC6s_v3", VmPriority.DEDICATED, 0, 4, 0), gpuRegion());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_VM_SIZE_NOT_OFFERED);
            assertThat(f.refuses()).isTrue();
            assertThat(f.info().path()).isEqualTo("$.compute.vmSize");
            // Same series and vCPUs first; then a GPU size of the same generation; never a CPU size.
            assertThat(f.info().alternatives()).containsExactly("Standard_NC6", "Standard_NC4as_T4_v3",
                    "Standard_NC12");
            assertThat(f.info().message()).contains("Standard_NC6s_v3 is not offered by Azure ML in region westeurope")
                    .contains("Standard_NC6 (6 vCPUs, 56 GB, 1 GPU)");
        });
    }

    @Test
    void aCpuSizeIsNeverSuggestedForAGpuSizeWhileAGpuSizeIsOffered() {
        List<Finding> findings = check(need("Standard_NC8as_T4_v3", VmPriority.DEDICATED, 0, 4, 0), gpuRegion());

        assertThat(findings.get(0).info().alternatives()).first().isEqualTo("Standard_NC4as_T4_v3");
        assertThat(findings.get(0).info().alternatives()).allSatisfy(name -> assertThat(name).contains("NC"));
    }

    @Test
    void aRegionWithoutAnySizeSaysSo() {
        List<Finding> findings = check(need("Standard_DS3_v2", VmPriority.DEDICATED, 0, 4, 0), Offers.region());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_VM_SIZE_NOT_OFFERED);
            assertThat(f.info().message()).contains("offers no VM sizes in region westeurope");
            assertThat(f.info().alternatives()).isEmpty();
        });
    }

    @Test
    void aSizeOfferedOnlyForAnotherComputeTypeIsRefused() {
        VmSizeOffer instanceOnly = new VmSizeOffer("Standard_NC6", "standardNCFamily", 6, 1, 56, true,
                List.of("ComputeInstance"));

        List<Finding> findings = check(need("standard_nc6", VmPriority.DEDICATED, 0, 4, 0),
                Offers.region().sizes(instanceOnly, NC12, DS3_V2));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_VM_SIZE_NOT_FOR_COMPUTE_TYPE);
            assertThat(f.info().message()).contains("not for AmlCompute (only for ComputeInstance)");
            assertThat(f.info().alternatives()).first().isEqualTo("Standard_NC12");
        });
    }

    @Test
    void lowPriorityOnASizeThatCannotRunItIsRefusedOnThePriority() {
        VmSizeOffer dedicatedOnly = new VmSizeOffer("Standard_NC6", "standardNCFamily", 6, 1, 56, false,
                List.of("AmlCompute"));

        List<Finding> findings = check(need("Standard_NC6", VmPriority.LOW_PRIORITY, 0, 4, 0),
                Offers.region().sizes(dedicatedOnly, NC12));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_LOW_PRIORITY_NOT_OFFERED);
            assertThat(f.info().path()).isEqualTo("$.compute.vmPriority");
            assertThat(f.info().alternatives()).containsExactly("Standard_NC12");
        });
    }

    @Test
    void coresNeededNowOverWhatIsLeftOfTheFamilyAreRefusedWithTheNumbers() {
        List<Finding> findings = check(need("Standard_NC6", VmPriority.DEDICATED, 0, 4, 2),
                gpuRegion().family("Standard NC Family", "Dedicated", 18, 24).regional("Dedicated", 20, 100));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_FAMILY_QUOTA_EXCEEDED);
            assertThat(f.refuses()).isTrue();
            assertThat(f.info().path()).isEqualTo("$.options.waitForNodes");
            assertThat(f.info().quota()).isEqualTo(new CoreQuota("Standard NC Family Cluster Dedicated vCPUs",
                    "family", REGION, 24, 18, 6, 12, 2, 6));
            assertThat(f.info().message()).contains("needs 12 vCPUs now (2 nodes of Standard_NC6 at 6 vCPUs each,"
                    + " for options.waitForNodes) but only 6 of the 24 vCPUs");
        });
    }

    @Test
    void minNodesCountsWhenItIsMoreThanWaitForNodes() {
        List<Finding> findings = check(need("Standard_NC6", VmPriority.DEDICATED, 3, 4, 1),
                gpuRegion().family("Standard NC Family", "Dedicated", 0, 12));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.info().path()).isEqualTo("$.compute.minNodes");
            assertThat(f.info().quota().needed()).isEqualTo(18);
        });
    }

    @Test
    void theRegionalTotalIsCheckedForThePriorityOfTheNodes() {
        Offers offers = gpuRegion().family("Standard NC Family", "Dedicated", 0, 100)
                .regional("Dedicated", 95, 100).regional("LowPriority", 0, 100)
                .family("Standard NC Family", "LowPriority", 0, -1);

        List<Finding> dedicated = check(need("Standard_NC6", VmPriority.DEDICATED, 1, 1, 0), offers);
        List<Finding> lowPriority = check(need("Standard_NC6", VmPriority.LOW_PRIORITY, 1, 1, 0), offers);

        assertThat(dedicated).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_REGIONAL_QUOTA_EXCEEDED);
            assertThat(f.info().quota().name()).isEqualTo("Total Cluster Dedicated Regional vCPUs");
            assertThat(f.info().quota().scope()).isEqualTo("region");
        });
        assertThat(lowPriority).as("low-priority quota is kept apart; -1 is no family limit").isEmpty();
    }

    @Test
    void aWorkspaceQuotaCapsTheWorkspaceButZeroIsReadAsNotSet() {
        Offers capped = gpuRegion().family("Standard NC Family", "Dedicated", 6, 100)
                .workspaceQuota("Standard NC Family", "Dedicated", 12).workspaceUsage("Standard NC Family",
                        "Dedicated", 6);
        Offers unset = gpuRegion().family("Standard NC Family", "Dedicated", 6, 100)
                .workspaceQuota("Standard NC Family", "Dedicated", 0);

        List<Finding> overCap = check(need("Standard_NC6", VmPriority.DEDICATED, 2, 2, 0), capped);

        assertThat(overCap).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_WORKSPACE_QUOTA_EXCEEDED);
            assertThat(f.info().quota()).extracting(CoreQuota::limit, CoreQuota::used, CoreQuota::available)
                    .containsExactly(12L, 6L, 6L);
        });
        assertThat(check(need("Standard_NC6", VmPriority.DEDICATED, 2, 2, 0), unset)).isEmpty();
    }

    @Test
    void coresAtMaxNodesOverWhatIsLeftAreAWarningWithTheNumbers() {
        List<Finding> findings = check(need("Standard_NC6", VmPriority.DEDICATED, 0, 4, 1),
                gpuRegion().family("Standard NC Family", "Dedicated", 12, 24));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_MAX_NODES_EXCEED_QUOTA);
            assertThat(f.refuses()).isFalse();
            assertThat(f.info().path()).isEqualTo("$.compute.maxNodes");
            assertThat(f.info().quota()).extracting(CoreQuota::needed, CoreQuota::available, CoreQuota::nodes)
                    .containsExactly(24L, 12L, 4);
            assertThat(f.info().message()).contains("it can grow to 2 nodes");
        });
    }

    @Test
    void theNodesAClusterHoldsAreNotNeededAgain() {
        CapacityNeed rescale = new CapacityNeed(Offers.WORKSPACE, REGION, "gpu-cluster", "AmlCompute",
                "Standard_NC6", VmPriority.DEDICATED, 3, 3, 2,
                new CapacityNeed.Paths("$.compute.name", "$.compute.name", "$.compute.minNodes",
                        "$.compute.maxNodes"));

        List<Finding> fits = check(rescale, gpuRegion().family("Standard NC Family", "Dedicated", 18, 24));
        List<Finding> short1 = check(rescale, gpuRegion().family("Standard NC Family", "Dedicated", 20, 24));

        assertThat(fits).as("6 more vCPUs, 6 left").isEmpty();
        assertThat(short1).singleElement().satisfies(f -> {
            assertThat(f.info().quota().needed()).isEqualTo(6);
            assertThat(f.info().message()).contains("beyond the 2 nodes it holds");
        });
    }

    @Test
    void aFamilyWithAnUnderscoreInItsNameFindsItsRow() {
        List<Finding> findings = check(need("Standard_NC4as_T4_v3", VmPriority.DEDICATED, 1, 1, 0),
                gpuRegion().family("Standard NCASv3_T4 Family", "Dedicated", 0, 0));

        assertThat(findings).extracting(Finding::code).containsExactly(PreflightCode.PREFLIGHT_FAMILY_QUOTA_EXCEEDED);
    }

    @Test
    void nothingIsFoundWhenTheQuotaHoldsEverything() {
        assertThat(check(need("Standard_NC6", VmPriority.DEDICATED, 1, 4, 2),
                gpuRegion().family("Standard NC Family", "Dedicated", 0, 24).regional("Dedicated", 0, 100)))
                .isEmpty();
    }

    @Test
    void everyFindingIsAnEventErrorEntryWithCodePathAndSentence() {
        List<Finding> findings = check(need("Standard_NC6", VmPriority.DEDICATED, 0, 4, 2),
                gpuRegion().family("Standard NC Family", "Dedicated", 24, 24).regional("Dedicated", 24, 24));

        assertThat(findings).hasSize(2).allSatisfy(f -> {
            ComputeStatus.ErrorInfo info = f.info();
            assertThat(info.code()).isEqualTo(f.code().name());
            assertThat(info.path()).startsWith("$.");
            assertThat(info.message()).endsWith(".");
        });
    }

    @Test
    void anInstanceNeedsOneNodeOfItsSizeAndIsRefusedInWordsForAnInstance() {
        List<Finding> findings = check(instanceNeed("Standard_DS3_v2"),
                gpuRegion().family("Standard DSv2 Family", "Dedicated", 22, 24).regional("Dedicated", 22, 100));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_FAMILY_QUOTA_EXCEEDED);
            assertThat(f.refuses()).isTrue();
            assertThat(f.info().path()).isEqualTo("$.compute.vmSize");
            assertThat(f.info().quota()).isEqualTo(new CoreQuota("Standard DSv2 Family Cluster Dedicated vCPUs",
                    "family", REGION, 24, 22, 2, 4, 1, 4));
            assertThat(f.info().message()).isEqualTo("Compute instance ci-alice needs 4 vCPUs of Standard_DS3_v2 to"
                    + " run, but only 2 of the 24 vCPUs of \"Standard DSv2 Family Cluster Dedicated vCPUs\" are left"
                    + " in region westeurope (22 in use). Choose a VM size of another family, stop another instance"
                    + " or scale a cluster down, or request more quota for the family (Azure portal: Quotas, Machine"
                    + " Learning).");
        });
    }

    @Test
    void anInstanceThatFitsIsNotWarnedAboutMaxNodes() {
        List<Finding> findings = check(instanceNeed("Standard_DS3_v2"),
                gpuRegion().family("Standard DSv2 Family", "Dedicated", 20, 24));

        assertThat(findings).isEmpty();
    }

    @Test
    void aSizeOfferedOnlyForClustersIsRefusedForAnInstanceAndOnlyInstanceSizesAreSuggested() {
        VmSizeOffer ds3ClustersOnly = new VmSizeOffer("Standard_DS3_v2", "standardDSv2Family", 4, 0, 14, true,
                List.of("AmlCompute"));
        VmSizeOffer ds4ClustersOnly = new VmSizeOffer("Standard_DS4_v2", "standardDSv2Family", 8, 0, 28, true,
                List.of("AmlCompute"));

        List<Finding> findings = check(instanceNeed("Standard_DS3_v2"),
                Offers.region().sizes(ds3ClustersOnly, ds4ClustersOnly, E4S_V3, NC6));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_VM_SIZE_NOT_FOR_COMPUTE_TYPE);
            assertThat(f.info().path()).isEqualTo("$.compute.vmSize");
            assertThat(f.info().alternatives()).as("sizes offered for ComputeInstance only")
                    .containsExactly("Standard_E4s_v3", "Standard_NC6");
            assertThat(f.info().message()).contains("but not for ComputeInstance (only for AmlCompute)")
                    .contains("Closest offered for ComputeInstance");
        });
    }

    @Test
    void aStartOfAnInstanceIsNotToldToChooseAnotherSizeWhichItCannot() {
        CapacityNeed start = CapacityNeed.toStartInstance(Offers.ensureInstance("Standard_DS3_v2",
                io.amlcompute.provisioner.contract.PreflightMode.ENFORCE), CapacityNeedTest.stoppedInstance(
                "Standard_DS3_v2")).orElseThrow();

        List<Finding> findings = check(start, gpuRegion().family("Standard DSv2 Family", "Dedicated", 0, 24)
                .regional("Dedicated", 98, 100));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_REGIONAL_QUOTA_EXCEEDED);
            assertThat(f.info().path()).isEqualTo("$.compute.name");
            assertThat(f.info().message()).contains("needs 4 vCPUs of Standard_DS3_v2 to run, but only 2 of the 100")
                    .contains("(98 in use). Stop another instance or scale a cluster down, or request a higher"
                            + " regional total");
        });
    }

    @Test
    void aStartOfAnInstanceWhoseSizeTheRegionNoLongerOffersSaysTheSizeCannotChange() {
        CapacityNeed start = CapacityNeed.toStartInstance(Offers.ensureInstance("Standard_DS3_v2",
                io.amlcompute.provisioner.contract.PreflightMode.ENFORCE), CapacityNeedTest.stoppedInstance(
                "Standard_DS3_v2")).orElseThrow();

        List<Finding> findings = check(start, Offers.region().sizes(E4S_V3, NC6));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(PreflightCode.PREFLIGHT_VM_SIZE_NOT_OFFERED);
            assertThat(f.info().message()).doesNotContain("Choose one of them")
                    .contains("A compute instance keeps its VM size: delete it and ensure it again");
        });
    }
}
