package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static io.amlcompute.provisioner.local.arm.EmulatorSession.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The region lists over HTTP (VirtualMachineSizes_List, Usages_List, Quotas_List, 2025-12-01): served from the seeded
 * regions, with usage that follows the clusters as they scale, in the contract's shapes and ARM's errors.
 */
class RegionReadsTest {

    private static final String NC_DEDICATED = "Standard NC Family Cluster Dedicated vCPUs";
    private static final String DSV2_DEDICATED = "Standard DSv2 Family Cluster Dedicated vCPUs";

    private EmulatorSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
    }

    private Reply read(String region, String list) {
        return session.client.send("GET", "/subscriptions/" + SUBSCRIPTION
                + "/providers/Microsoft.MachineLearningServices/locations/" + region + "/" + list + "?"
                + ComputeApiClient.API_VERSION, null);
    }

    private static JsonNode row(Reply usages, String type, String name) {
        return StreamSupport.stream(usages.json().path("value").spliterator(), false)
                .filter(r -> r.path("type").asText().equals("Microsoft.MachineLearningServices/" + type)
                        && r.path("name").path("value").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " row " + name + " in "
                        + usages.body()));
    }

    @Test
    void vmSizesListsWhatTheRegionOffersWithFamilyAndVCpus() {
        session = EmulatorSession.start(b -> b.region("northeurope", r -> r.offers("Standard_NC6", "Standard_DS3_v2")));

        JsonNode sizes = read("northeurope", "vmSizes").json().path("value");
        JsonNode everywhere = read("westeurope", "vmSizes").json().path("value");

        assertThat(sizes).extracting(s -> s.path("name").asText())
                .containsExactlyInAnyOrder("Standard_NC6", "Standard_DS3_v2");
        JsonNode nc6 = StreamSupport.stream(sizes.spliterator(), false)
                .filter(s -> s.path("name").asText().equals("Standard_NC6")).findFirst().orElseThrow();
        assertThat(nc6.path("family").asText()).isEqualTo("standardNCFamily");
        assertThat(nc6.path("vCPUs").asInt()).isEqualTo(6);
        assertThat(nc6.path("gpus").asInt()).isEqualTo(1);
        assertThat(nc6.path("lowPriorityCapable").asBoolean()).isTrue();
        assertThat(nc6.path("supportedComputeTypes")).extracting(JsonNode::asText).contains("AmlCompute");
        assertThat(everywhere.size()).as("an unseeded region offers every allowed size").isGreaterThan(20);
    }

    @Test
    void usagesFollowTheClustersAsTheyScale() {
        session = EmulatorSession.start(b -> b.region("westeurope", r -> r
                .familyQuota("standardNCFamily", "Dedicated", 24)
                .inUseElsewhere("standardNCFamily", "Dedicated", 6)));
        assertThat(row(read("westeurope", "usages"), "vmFamily/usages", NC_DEDICATED).path("currentValue").asLong())
                .isEqualTo(6);

        session.client.put("gpu-cluster", amlCompute("STANDARD_NC6", 2, 4));
        session.advance(Duration.ofSeconds(10));
        long whileResizing = row(read("westeurope", "usages"), "vmFamily/usages", NC_DEDICATED)
                .path("currentValue").asLong();
        session.advance(Duration.ofSeconds(20));
        Reply steady = read("westeurope", "usages");

        assertThat(whileResizing).as("nodes count once allocated").isEqualTo(6);
        JsonNode family = row(steady, "vmFamily/usages", NC_DEDICATED);
        assertThat(family.path("currentValue").asLong()).isEqualTo(6 + 2 * 6);
        assertThat(family.path("limit").asLong()).isEqualTo(24);
        assertThat(family.path("id").asText()).isEqualTo("/subscriptions/" + SUBSCRIPTION
                + "/usages/Standard_NC_Family_Cluster_Dedicated_vCPUs");
        assertThat(row(steady, "dedicatedCores/usages", "Total Cluster Dedicated Regional vCPUs")
                .path("currentValue").asLong()).isEqualTo(18);
        assertThat(row(steady, "workspaces/usages", NC_DEDICATED).path("id").asText())
                .startsWith(session.client.workspacePath() + "/usages/");
        assertThat(row(steady, "workspaces/computes/usages", NC_DEDICATED).path("id").asText())
                .startsWith(session.client.computePath("gpu-cluster") + "/usages/");
        assertThat(row(steady, "totalCores/usages", "Clusters").path("currentValue").asLong()).isEqualTo(1);
        assertThat(row(steady, "vmFamily/usages", "Standard NC Family Cluster LowPriority vCPUs").path("limit")
                .asLong()).as("no low-priority family limit, as in the spec's example").isEqualTo(-1);

        session.client.patch("gpu-cluster", ComputeBodies.scaleTo(0, 4));
        session.advance(Duration.ofSeconds(30));
        assertThat(row(read("westeurope", "usages"), "vmFamily/usages", NC_DEDICATED).path("currentValue")
                .asLong()).as("scaled down").isEqualTo(6);
    }

    @Test
    void usagesCountAComputeInstanceAsOneDedicatedNodeWhileItsVmIsAllocated() {
        session = EmulatorSession.start(b -> b.instancePowerTime(Duration.ofSeconds(4)).region("westeurope", r -> r
                .familyQuota("standardDSv2Family", "Dedicated", 24)
                .inUseElsewhere("standardDSv2Family", "Dedicated", 6)));
        List<Long> family = new ArrayList<>();
        Runnable sample = () -> family.add(row(read("westeurope", "usages"), "vmFamily/usages", DSV2_DEDICATED)
                .path("currentValue").asLong());
        sample.run();

        session.client.put("ci-alice", ComputeBodies.computeInstance());
        sample.run();                                              // Creating
        session.advance(Duration.ofSeconds(10));
        sample.run();                                              // Running
        Reply running = read("westeurope", "usages");
        post("ci-alice", "stop");
        sample.run();                                              // Stopping
        session.advance(Duration.ofSeconds(4));
        sample.run();                                              // Stopped
        Reply stopped = read("westeurope", "usages");
        post("ci-alice", "start");
        sample.run();                                              // Starting
        session.advance(Duration.ofSeconds(4));
        sample.run();                                              // Running again

        assertThat(family).as("6 elsewhere, + 4 vCPUs of Standard_DS3_v2 while the VM is allocated")
                .containsExactly(6L, 10L, 10L, 10L, 6L, 10L, 10L);
        assertThat(row(running, "dedicatedCores/usages", "Total Cluster Dedicated Regional vCPUs")
                .path("currentValue").asLong()).isEqualTo(10);
        assertThat(row(running, "workspaces/computes/usages", DSV2_DEDICATED).path("id").asText())
                .startsWith(session.client.computePath("ci-alice") + "/usages/");
        assertThat(row(stopped, "totalCores/usages", "Clusters").path("currentValue").asLong())
                .as("a stopped instance is still a compute of the region").isEqualTo(1);
    }

    private Reply post(String name, String action) {
        Reply reply = session.client.send("POST", session.client.computePath(name) + "/" + action + "?"
                + ComputeApiClient.API_VERSION, null);
        assertThat(reply.status()).as(action).isEqualTo(202);
        return reply;
    }

    @Test
    void usagesArePagedWithANextLinkThatReadsTheRest() {
        session = EmulatorSession.start(b -> b.listPageSize(5));

        Reply first = read("westeurope", "usages");
        List<JsonNode> rows = new ArrayList<>();
        first.json().path("value").forEach(rows::add);
        Reply page = first;
        while (page.json().hasNonNull("nextLink")) {
            page = session.client.follow(page.json().path("nextLink").asText());
            assertThat(page.status()).isEqualTo(200);
            page.json().path("value").forEach(rows::add);
        }

        assertThat(first.json().path("value").size()).isEqualTo(5);
        assertThat(rows).hasSizeGreaterThan(5);
        assertThat(rows).extracting(r -> r.path("name").path("value").asText())
                .contains("Clusters", "Total Cluster LowPriority Regional vCPUs").doesNotHaveDuplicates();
    }

    @Test
    void quotasListTheFamilyQuotasAndTheSeededWorkspaceQuotas() {
        session = EmulatorSession.start(b -> b.region("westeurope", r -> r
                .familyQuota("standardNCFamily", "Dedicated", 24)
                .workspaceQuota(SUBSCRIPTION, EmulatorSession.RESOURCE_GROUP, EmulatorSession.WORKSPACE,
                        "standardNCFamily", "Dedicated", 12)));

        JsonNode quotas = read("westeurope", "quotas").json().path("value");

        assertThat(quotas).anySatisfy(q -> {
            assertThat(q.path("type").asText()).isEqualTo("Microsoft.MachineLearningServices/vmFamily/quotas");
            assertThat(q.path("name").path("value").asText()).isEqualTo(NC_DEDICATED);
            assertThat(q.path("limit").asLong()).isEqualTo(24);
        });
        assertThat(quotas).anySatisfy(q -> {
            assertThat(q.path("type").asText()).isEqualTo("Microsoft.MachineLearningServices/workspaces/quotas");
            assertThat(q.path("id").asText()).isEqualTo(session.client.workspacePath()
                    + "/quotas/Standard_NC_Family_Cluster_Dedicated_vCPUs");
            assertThat(q.path("limit").asLong()).isEqualTo(12);
        });
    }

    @Test
    void aResizeOverTheFamilyQuotaReturnsToSteadyBelowTargetWithAnErrorNamingTheQuota() {
        session = EmulatorSession.start(b -> b.region("westeurope", r -> r
                .familyQuota("standardNCFamily", "Dedicated", 12)));
        session.client.put("first", amlCompute("STANDARD_NC6", 1, 1));
        Reply put = session.client.put("second", amlCompute("STANDARD_NC6", 2, 4));
        assertThat(put.status()).as("created all the same: quota is taken by nodes").isEqualTo(201);
        session.advance(Duration.ofSeconds(30));

        JsonNode pool = session.client.get("second").typeProperties();
        assertThat(pool.path("allocationState").asText()).isEqualTo("Steady");
        assertThat(pool.path("currentNodeCount").asInt()).isZero();
        assertThat(pool.path("targetNodeCount").asInt()).isEqualTo(2);
        JsonNode error = pool.path("errors").get(0).path("error");
        assertThat(error.path("code").asText()).isEqualTo("QuotaExceeded");
        assertThat(error.path("message").asText()).contains("Standard NC family vCPU quota of 12")
                .contains("2 requested managed compute nodes which maps to 12 vCPUs");
        assertThat(session.client.get("first").typeProperties().path("currentNodeCount").asInt())
                .as("the first cluster got its node").isEqualTo(1);
        assertThat(row(read("westeurope", "usages"), "vmFamily/usages", NC_DEDICATED).path("currentValue").asLong())
                .as("the blocked cluster holds nothing").isEqualTo(6);
    }

    @Test
    void aPatchThatRaisesNodesOverTheRegionalTotalIsBlockedToo() {
        session = EmulatorSession.start(b -> b.region("westeurope", r -> r.regionalQuota("Dedicated", 8)));
        session.client.put("cpu", amlCompute("STANDARD_DS3_V2", 1, 4));
        session.advance(Duration.ofSeconds(30));

        session.client.patch("cpu", ComputeBodies.scaleTo(3, 4));
        session.advance(Duration.ofSeconds(30));

        JsonNode pool = session.client.get("cpu").typeProperties();
        assertThat(pool.path("currentNodeCount").asInt()).as("kept its node").isEqualTo(1);
        assertThat(pool.path("targetNodeCount").asInt()).isEqualTo(3);
        assertThat(pool.path("errors").get(0).path("error").path("message").asText())
                .contains("total vCPU quota of 8");
    }

    @Test
    void aResizeBlockedByQuotaStaysBlockedAcrossARestart(@TempDir Path data) throws IOException {
        ManualClock clock = new ManualClock(EmulatorSession.START);
        HttpClient http = HttpClient.newHttpClient();
        try (ArmEmulator first = restartable(clock, data)) {
            client(http, first).put("gpu", amlCompute("STANDARD_NC6", 2, 2));
        }
        clock.advance(Duration.ofSeconds(30));

        try (ArmEmulator second = restartable(clock, data)) {
            JsonNode pool = client(http, second).get("gpu").typeProperties();
            assertThat(pool.path("currentNodeCount").asInt()).isZero();
            assertThat(pool.path("errors").get(0).path("error").path("message").asText())
                    .contains("family vCPU quota of 6");
        }
    }

    private static ArmEmulator restartable(ManualClock clock, Path data) throws IOException {
        return ArmEmulator.builder().clock(clock).dataDirectory(data)
                .workspace(SUBSCRIPTION, EmulatorSession.RESOURCE_GROUP, EmulatorSession.WORKSPACE,
                        EmulatorSession.LOCATION)
                .region("westeurope", r -> r.familyQuota("standardNCFamily", "Dedicated", 6))
                .provisioningTime(Duration.ofSeconds(10)).nodeAllocationTime(Duration.ofSeconds(20)).start();
    }

    private static ComputeApiClient client(HttpClient http, ArmEmulator emulator) {
        return new ComputeApiClient(http, emulator.endpoint(), SUBSCRIPTION, EmulatorSession.RESOURCE_GROUP,
                EmulatorSession.WORKSPACE);
    }

    @Test
    void aCallerWithoutTheReadActionGetsArmsAuthorizationFailed() {
        session = EmulatorSession.start(b -> b.withoutPermission(
                "Microsoft.MachineLearningServices/locations/usages/read"));

        Reply usages = read("westeurope", "usages");

        assertThat(usages.status()).isEqualTo(403);
        assertThat(usages.errorCode()).isEqualTo("AuthorizationFailed");
        assertThat(usages.json().path("error").path("message").asText())
                .contains("does not have authorization to perform action "
                        + "'Microsoft.MachineLearningServices/locations/usages/read' over scope '/subscriptions/"
                        + SUBSCRIPTION + "/providers/Microsoft.MachineLearningServices/locations/westeurope'");
        assertThat(read("westeurope", "vmSizes").status()).as("only that action is missing").isEqualTo(200);
    }

    @Test
    void readsAreRefusedAsArmRefusesThem() {
        session = EmulatorSession.start();
        String path = "/providers/Microsoft.MachineLearningServices/locations/westeurope/usages";

        Reply unknownSubscription = session.client.send("GET", "/subscriptions/99999999-0000-0000-0000-000000000000"
                + path + "?" + ComputeApiClient.API_VERSION, null);
        Reply otherVersion = session.client.send("GET", "/subscriptions/" + SUBSCRIPTION + path
                + "?api-version=2024-04-01", null);
        Reply noVersion = session.client.send("GET", "/subscriptions/" + SUBSCRIPTION + path, null);
        Reply post = session.client.send("POST", "/subscriptions/" + SUBSCRIPTION + path + "?"
                + ComputeApiClient.API_VERSION, "{}");

        assertThat(unknownSubscription.status()).isEqualTo(404);
        assertThat(unknownSubscription.errorCode()).isEqualTo("SubscriptionNotFound");
        assertThat(otherVersion.status()).isEqualTo(400);
        assertThat(otherVersion.errorCode()).isEqualTo("NoRegisteredProviderFound");
        assertThat(otherVersion.json().path("error").path("message").asText()).contains("for type 'locations/usages'");
        assertThat(noVersion.errorCode()).isEqualTo("MissingApiVersionParameter");
        assertThat(post.status()).isEqualTo(405);
    }

    @Test
    void aPutOfASizeTheRegionDoesNotOfferIsRefused() {
        session = EmulatorSession.start(b -> b.region("westeurope", r -> r.offers("Standard_DS3_v2"))
                .lowPriorityIncapable("Standard_DS3_v2"));

        Reply notOffered = session.client.put("gpu", amlCompute("STANDARD_NC6", 0, 1));
        Reply lowPriority = session.client.put("spot", amlCompute("STANDARD_DS3_V2", 0, 1)
                .replace("\"Dedicated\"", "\"LowPriority\""));
        Reply offered = session.client.put("cpu", amlCompute("STANDARD_DS3_V2", 0, 1));

        assertThat(notOffered.status()).isEqualTo(400);
        assertThat(notOffered.errorCode()).isEqualTo("VmSizeNotSupported");
        assertThat(notOffered.json().path("error").path("message").asText()).contains("region 'westeurope'");
        assertThat(lowPriority.status()).isEqualTo(400);
        assertThat(lowPriority.json().path("error").path("message").asText()).contains("LowPriority");
        assertThat(offered.status()).isEqualTo(201);
    }
}
