package io.amlcompute.provisioner.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.contract.WorkspaceRef;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ComputeAddress;
import io.amlcompute.provisioner.provisioning.ComputeResource;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.UnderlyingResourceAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static io.amlcompute.provisioner.arm.EmulatedArm.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every gateway operation over real HTTP against the ARM emulator, which checks each body against the contract and
 * simulates the compute lifecycle on a ManualClock.
 */
class ArmComputeGatewayTest {

    private static final String CORRELATION = "pipeline-run-4711";

    private EmulatedArm arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    @Test
    void getOfAComputeThatDoesNotExistIsEmpty() {
        arm = EmulatedArm.start();

        assertThat(arm.gateway.get(address("cpu-cluster"), CORRELATION)).isEmpty();
        assertThat(arm.lastRequest().status()).isEqualTo(404);
    }

    @Test
    void createSendsTheContractsBodyAndReturnsOnceArmAcceptedIt() throws IOException {
        arm = EmulatedArm.start();

        ComputeResource created = arm.gateway.create(address("cpu-cluster"), EmulatedArm.fullCluster("cpu-cluster"), EmulatedArm.SETUP_MARK,
                CORRELATION);

        assertThat(created.status().provisioningState()).isEqualTo("Creating");
        assertThat(created.computeType()).isEqualTo("AmlCompute");
        assertThat(created.attached()).isFalse();
        assertThat(created.id()).isEqualTo(address("cpu-cluster").resourceId());
        RecordedRequest put = arm.lastRequest();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.path()).isEqualTo(address("cpu-cluster").resourceId());
        assertThat(put.query()).isEqualTo("api-version=2025-12-01");
        assertThat(put.correlationRequestId()).isEqualTo(ArmCallIds.correlationRequestId(CORRELATION));
        assertThat(put.authorizationPresent()).isFalse();
        JsonNode body = Json.MAPPER.readTree(put.body());
        assertThat(body.path("location").asText()).isEqualTo("westeurope");
        assertThat(body.path("tags").path("costCenter").asText()).isEqualTo("ml-platform");
        assertThat(body.path("identity").path("type").asText()).isEqualTo("UserAssigned");
        assertThat(body.path("identity").path("userAssignedIdentities").path(EmulatedArm.IDENTITY_ID).isObject())
                .isTrue();
        JsonNode compute = body.path("properties");
        assertThat(compute.path("computeType").asText()).isEqualTo("AmlCompute");
        assertThat(compute.path("description").asText()).isEqualTo("training cluster");
        JsonNode properties = compute.path("properties");
        assertThat(properties.path("vmSize").asText()).isEqualTo("Standard_DS3_v2");
        assertThat(properties.path("vmPriority").asText()).isEqualTo("LowPriority");
        assertThat(properties.path("osType").asText()).isEqualTo("Linux");
        assertThat(properties.path("remoteLoginPortPublicAccess").asText()).isEqualTo("NotSpecified");
        assertThat(properties.path("enableNodePublicIp").asBoolean(true)).isFalse();
        assertThat(properties.path("subnet").path("id").asText()).isEqualTo(EmulatedArm.SUBNET_ID);
        assertThat(properties.path("scaleSettings").toString())
                .isEqualTo("{\"maxNodeCount\":4,\"minNodeCount\":0,\"nodeIdleTimeBeforeScaleDown\":\"PT300S\"}");
        JsonNode credentials = properties.path("userAccountCredentials");
        assertThat(credentials.path("adminUserName").asText()).isEqualTo("azureuser");
        // Sent (the emulator redacts them in its log), never visible.
        assertThat(credentials.path("adminUserPassword").asText()).isEqualTo("[REDACTED]");
        assertThat(credentials.path("adminUserSshPublicKey").asText()).isEqualTo("[REDACTED]");
        assertNoSecretInRequestLog();
    }

    @Test
    void statusFollowsTheLifecycleFromCreatingToSteadyWithNodes() {
        arm = EmulatedArm.start();
        ComputeAddress address = address("cpu-cluster");
        arm.gateway.create(address, cluster("cpu-cluster", "STANDARD_DS3_V2", 2, 4), EmulatedArm.SETUP_MARK, CORRELATION);

        ComputeStatus creating = status(address);
        assertThat(creating.provisioningState()).isEqualTo("Creating");
        assertThat(creating.allocationState()).isNull();
        assertThat(creating.nodes()).isNull();

        arm.advance(Duration.ofSeconds(10));
        ComputeResource succeeded = arm.gateway.get(address, CORRELATION).orElseThrow();
        assertThat(succeeded.status().provisioningState()).isEqualTo("Succeeded");
        assertThat(succeeded.status().allocationState()).isEqualTo("Resizing");
        assertThat(succeeded.status().nodes().current()).isZero();
        assertThat(succeeded.status().nodes().target()).isEqualTo(2);
        assertThat(succeeded.status().nodes().preparing()).isEqualTo(2);
        assertThat(succeeded.cluster()).isEqualTo(new ComputeResource.ClusterSettings("STANDARD_DS3_V2", "Dedicated",
                2, 4, "PT120S", "Linux", "Disabled", true, null));
        assertThat(succeeded.computeLocation()).isEqualTo("westeurope");
        assertThat(succeeded.description()).isEqualTo("training cluster");
        assertThat(succeeded.tags()).containsEntry("team", "forecasting");

        arm.advance(Duration.ofSeconds(20));
        ComputeStatus steady = status(address);
        assertThat(steady.allocationState()).isEqualTo("Steady");
        assertThat(steady.nodes().current()).isEqualTo(2);
        assertThat(steady.nodes().idle()).isEqualTo(2);
        assertThat(steady.errors()).isEmpty();
    }

    @Test
    void quotaFailureDuringProvisioningIsAStatusNotAnException() {
        arm = EmulatedArm.start(b -> b.quotaExceededFor("STANDARD_NC24"));
        ComputeAddress address = address("gpu-cluster");

        ComputeResource created = arm.gateway.create(address, cluster("gpu-cluster", "STANDARD_NC24", 0, 2), EmulatedArm.SETUP_MARK,
                CORRELATION);
        arm.advance(Duration.ofSeconds(10));
        ComputeResource failed = arm.gateway.get(address, CORRELATION).orElseThrow();

        assertThat(created.status().provisioningState()).isEqualTo("Creating");
        assertThat(failed.failed()).isTrue();
        assertThat(failed.status().errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("QuotaExceeded");
            assertThat(error.message()).contains("exceeding quota limits of Core");
        });
    }

    @Test
    void nodeSetupErrorsAppearInTheStatus() {
        arm = EmulatedArm.start(b -> b.nodeSetupFailsFor("STANDARD_D2_V2"));
        ComputeAddress address = address("cpu-cluster");
        arm.gateway.create(address, cluster("cpu-cluster", "STANDARD_D2_V2", 1, 2), EmulatedArm.SETUP_MARK, CORRELATION);

        arm.advance(Duration.ofSeconds(30));
        ComputeStatus status = status(address);

        assertThat(status.provisioningState()).isEqualTo("Succeeded");
        assertThat(status.errors()).isNotEmpty();
        assertThat(status.nodes().unusable()).isEqualTo(1);
    }

    @Test
    void attachesEachKindAndReadsItBackAsAttached() throws IOException {
        arm = EmulatedArm.start();
        record Case(String name, io.amlcompute.provisioner.contract.AttachCompute attach, String resourceId) {
        }
        List<Case> cases = List.of(
                new Case("db-compute", EmulatedArm.databricks("db-compute", EmulatedArm.TOKEN_REF),
                        EmulatedArm.DATABRICKS_ID),
                new Case("vm-compute", EmulatedArm.virtualMachine("vm-compute"), EmulatedArm.VM_ID),
                new Case("k8s-compute", EmulatedArm.kubernetes("k8s-compute"), EmulatedArm.AKS_ID),
                new Case("hdi-compute", EmulatedArm.hdInsight("hdi-compute"), EmulatedArm.HDI_ID),
                new Case("syn-compute", EmulatedArm.synapseSpark("syn-compute"), EmulatedArm.SYNAPSE_ID));

        for (Case c : cases) {
            ComputeResource accepted = arm.gateway.attach(address(c.name()), c.attach(), EmulatedArm.SETUP_MARK, CORRELATION);
            assertThat(arm.lastRequest().status()).as(c.name()).isEqualTo(201);
            assertThat(accepted.status().provisioningState()).isEqualTo("Creating");
            assertThat(accepted.attached()).as(c.name()).isTrue();
        }
        arm.advance(Duration.ofSeconds(10));
        for (Case c : cases) {
            ComputeResource attached = arm.gateway.get(address(c.name()), CORRELATION).orElseThrow();
            assertThat(attached.computeType()).isEqualTo(c.attach().computeType().wireName());
            assertThat(attached.attached()).as(c.name()).isTrue();
            assertThat(attached.underlyingResourceId()).isEqualTo(c.resourceId());
            assertThat(attached.status().provisioningState()).isEqualTo("Succeeded");
            assertThat(attached.status().allocationState()).isNull();
            assertThat(attached.cluster()).isNull();
        }

        JsonNode vm = putBody("vm-compute").path("properties");
        assertThat(vm.path("resourceId").asText()).isEqualTo(EmulatedArm.VM_ID);
        assertThat(vm.path("properties").path("sshPort").asInt()).isEqualTo(22);
        assertThat(vm.path("properties").path("address").asText()).isEqualTo("10.0.0.4");
        JsonNode account = vm.path("properties").path("administratorAccount");
        assertThat(account.path("username").asText()).isEqualTo("azureuser");
        assertThat(account.path("password").asText()).isEqualTo("[REDACTED]");
        assertThat(account.path("publicKeyData").asText()).isEqualTo("[REDACTED]");
        assertThat(account.path("privateKeyData").asText()).isEqualTo("[REDACTED]");
        JsonNode k8s = putBody("k8s-compute");
        assertThat(k8s.path("identity").path("type").asText()).isEqualTo("SystemAssigned");
        assertThat(k8s.path("properties").path("properties").toString())
                .isEqualTo("{\"namespace\":\"azureml\",\"defaultInstanceType\":\"defaultinstancetype\"}");
        JsonNode hdi = putBody("hdi-compute").path("properties").path("properties");
        assertThat(hdi.path("address").asText()).isEqualTo("hdi-spark-ssh.azurehdinsight.net");
        assertThat(hdi.path("administratorAccount").path("username").asText()).isEqualTo("sshuser");
        assertThat(putBody("syn-compute").path("properties").has("properties")).isFalse();
        JsonNode databricks = putBody("db-compute").path("properties");
        assertThat(databricks.path("properties").path("workspaceUrl").asText()).isEqualTo(EmulatedArm.DATABRICKS_URL);
        assertThat(databricks.path("description").asText()).isEqualTo("analytics workspace");
        assertNoSecretInRequestLog();
    }

    @Test
    void aWrongDatabricksTokenIsForbiddenWithoutTheTokenInTheMessage() {
        arm = EmulatedArm.start();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> arm.gateway.attach(
                address("db-compute"), EmulatedArm.databricks("db-compute", EmulatedArm.WRONG_TOKEN_REF), EmulatedArm.SETUP_MARK, CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(e.getMessage()).contains("Invalid access token");
        assertNoSecretIn(e);
        assertThat(e.getMessage()).doesNotContain("dapi-stale-secret-token");
        assertThat(arm.computeRequests()).hasSize(1);
        assertNoSecretInRequestLog();
    }

    @Test
    void anUnavailableSecretStopsThePutBeforeItIsSent() {
        arm = EmulatedArm.start();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> arm.gateway.attach(
                address("db-compute"), EmulatedArm.databricks("db-compute",
                        new io.amlcompute.provisioner.contract.SecretRef("local:missing")), EmulatedArm.SETUP_MARK, CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.SECRET_UNAVAILABLE);
        // Only the read of the workspace's region went out; no PUT.
        assertThat(arm.requests()).extracting(RecordedRequest::method).containsExactly("GET");
        assertThat(arm.computeRequests()).isEmpty();
    }

    @Test
    void updateScalePatchesOnlyTheScaleSettings() {
        arm = EmulatedArm.start();
        ComputeAddress address = address("cpu-cluster");
        arm.gateway.create(address, cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 4), EmulatedArm.SETUP_MARK, CORRELATION);
        arm.advance(Duration.ofSeconds(10));

        ComputeResource updating = arm.gateway.updateScale(address, new UpdateScaleSettings("cpu-cluster",
                new ScaleSettings(1, 8, Duration.ofSeconds(600)), true), CORRELATION);

        assertThat(updating.status().provisioningState()).isEqualTo("Updating");
        RecordedRequest patch = arm.lastRequest();
        assertThat(patch.method()).isEqualTo("PATCH");
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.correlationRequestId()).isEqualTo(ArmCallIds.correlationRequestId(CORRELATION));
        assertThat(patch.body()).isEqualTo("{\"properties\":{\"properties\":{\"scaleSettings\":"
                + "{\"maxNodeCount\":8,\"minNodeCount\":1,\"nodeIdleTimeBeforeScaleDown\":\"PT600S\"}}}}");

        arm.advance(Duration.ofSeconds(5));
        ComputeResource updated = arm.gateway.get(address, CORRELATION).orElseThrow();
        assertThat(updated.status().provisioningState()).isEqualTo("Succeeded");
        assertThat(updated.cluster().minNodes()).isEqualTo(1);
        assertThat(updated.cluster().maxNodes()).isEqualTo(8);
        assertThat(updated.cluster().idleBeforeScaleDown()).isEqualTo("PT600S");
    }

    @Test
    void updateScaleWithoutIdleTimeLeavesItOut() {
        arm = EmulatedArm.start();
        ComputeAddress address = address("cpu-cluster");
        arm.gateway.create(address, cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 4), EmulatedArm.SETUP_MARK, CORRELATION);
        arm.advance(Duration.ofSeconds(10));

        arm.gateway.updateScale(address, new UpdateScaleSettings("cpu-cluster",
                new ScaleSettings(0, 2, Duration.ofSeconds(120)), false), CORRELATION);

        assertThat(arm.lastRequest().body()).isEqualTo(
                "{\"properties\":{\"properties\":{\"scaleSettings\":{\"maxNodeCount\":2,\"minNodeCount\":0}}}}");
    }

    @Test
    void deleteAndDetachSendTheUnderlyingResourceActionAndAnswerFalseWhenNothingExisted() {
        arm = EmulatedArm.start(b -> b.provisioningTime(Duration.ZERO));
        ComputeAddress cluster = address("cpu-cluster");
        ComputeAddress databricks = address("db-compute");
        arm.gateway.create(cluster, cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 1), EmulatedArm.SETUP_MARK, CORRELATION);
        arm.gateway.attach(databricks, EmulatedArm.databricks("db-compute", EmulatedArm.TOKEN_REF), EmulatedArm.SETUP_MARK, CORRELATION);

        assertThat(arm.gateway.delete(cluster, UnderlyingResourceAction.DELETE, CORRELATION)).isTrue();
        assertThat(arm.lastRequest().query()).isEqualTo("api-version=2025-12-01&underlyingResourceAction=Delete");
        assertThat(arm.lastRequest().status()).isEqualTo(202);
        assertThat(arm.gateway.delete(databricks, UnderlyingResourceAction.DETACH, CORRELATION)).isTrue();
        assertThat(arm.lastRequest().query()).isEqualTo("api-version=2025-12-01&underlyingResourceAction=Detach");
        assertThat(status(cluster).provisioningState()).isEqualTo("Deleting");

        arm.advance(Duration.ofSeconds(5));

        assertThat(arm.gateway.get(cluster, CORRELATION)).isEmpty();
        assertThat(arm.gateway.get(databricks, CORRELATION)).isEmpty();
        assertThat(arm.gateway.delete(cluster, UnderlyingResourceAction.DELETE, CORRELATION)).isFalse();
        assertThat(arm.lastRequest().status()).isEqualTo(204);
    }

    @Test
    void aSecondPutOfAnExistingComputeIsAConflict() {
        arm = EmulatedArm.start(b -> b.provisioningTime(Duration.ZERO));
        ComputeAddress address = address("cpu-cluster");
        arm.gateway.create(address, cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 1), EmulatedArm.SETUP_MARK, CORRELATION);

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> arm.gateway.create(address,
                cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 1), EmulatedArm.SETUP_MARK, CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(e.code()).isEqualTo("ComputeAlreadyExists");
        assertThat(e.getMessage()).contains("already exists");
    }

    @Test
    void aWriteWhileAnotherOperationRunsIsOperationInProgressAndNotRetried() {
        arm = EmulatedArm.start();
        ComputeAddress address = address("cpu-cluster");
        arm.gateway.create(address, cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 1), EmulatedArm.SETUP_MARK, CORRELATION);
        arm.emulator.clearRequests();

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> arm.gateway.updateScale(
                address, new UpdateScaleSettings("cpu-cluster", new ScaleSettings(0, 2, Duration.ofSeconds(60)), true),
                CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.OPERATION_IN_PROGRESS);
        assertThat(e.getMessage()).contains("another operation on same entity is already running");
        assertThat(arm.requests()).hasSize(1);
        assertThat(arm.pauses).isEmpty();
    }

    @Test
    void aVmSizeArmRefusesIsAnInvalidRequest() {
        arm = EmulatedArm.start(b -> b.allowedVmSizes("STANDARD_DS3_V2"));

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> arm.gateway.create(
                address("cpu-cluster"), cluster("cpu-cluster", "STANDARD_NC6", 0, 1), EmulatedArm.SETUP_MARK, CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.code()).isEqualTo("VmSizeNotSupported");
    }

    @Test
    void aComputeOfAnUnknownWorkspaceIsNotFoundOnWrite() {
        arm = EmulatedArm.start();
        ComputeAddress elsewhere = new ComputeAddress(new WorkspaceRef(EmulatedArm.SUBSCRIPTION, "rg-ml", "ws-other"),
                "cpu-cluster");

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class, () -> arm.gateway.create(
                elsewhere, cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 1), EmulatedArm.SETUP_MARK, CORRELATION));

        assertThat(arm.gateway.get(elsewhere, CORRELATION)).isEmpty();
        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void refusesAnAddressThatCouldLeaveTheComputesPathWithoutSendingAnything() {
        arm = EmulatedArm.start();
        ComputeAddress escaping = new ComputeAddress(EmulatedArm.WORKSPACE,
                "../../../../providers/Microsoft.Authorization");
        ComputeAddress badGroup = new ComputeAddress(new WorkspaceRef(EmulatedArm.SUBSCRIPTION, "rg/x", "ws-ml"),
                "cpu-cluster");

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> arm.gateway.get(escaping, CORRELATION));
        ProvisioningException e2 = catchThrowableOfType(ProvisioningException.class,
                () -> arm.gateway.delete(badGroup, UnderlyingResourceAction.DELETE, CORRELATION));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e2.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(arm.requests()).isEmpty();
    }

    @Test
    void everyCallCarriesAFreshGuidAsClientRequestIdAndOneCorrelationGuidPerRequest() {
        arm = EmulatedArm.start(b -> b.provisioningTime(Duration.ZERO));
        ComputeAddress address = address("cpu-cluster");

        arm.gateway.get(address, "pipeline-run-4711");
        arm.gateway.create(address, cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 1), EmulatedArm.SETUP_MARK, "pipeline-run-4711");
        arm.gateway.updateScale(address, new UpdateScaleSettings("cpu-cluster",
                new ScaleSettings(0, 2, Duration.ofSeconds(60)), true), "pipeline-run-4711");
        arm.advance(Duration.ofSeconds(10));
        arm.gateway.delete(address, UnderlyingResourceAction.DELETE, "pipeline-run-4712");

        List<RecordedRequest> calls = arm.requests();
        assertThat(calls).extracting(RecordedRequest::method).containsExactly("GET", "GET", "PUT", "PATCH", "DELETE");
        assertThat(calls).extracting(RecordedRequest::clientRequestId).doesNotHaveDuplicates()
                .allSatisfy(ArmComputeGatewayTest::assertGuid);
        assertThat(calls).extracting(RecordedRequest::correlationRequestId).allSatisfy(ArmComputeGatewayTest::assertGuid);
        String correlation = calls.get(0).correlationRequestId();
        assertThat(calls.subList(0, 4)).extracting(RecordedRequest::correlationRequestId).containsOnly(correlation);
        assertThat(calls.get(4).correlationRequestId()).isNotEqualTo(correlation);
        // The same request's calls from another process carry the same correlation GUID.
        assertThat(ArmCallIds.correlationRequestId("pipeline-run-4711")).isEqualTo(correlation);
    }

    @Test
    void aCorrelationIdThatIsAGuidIsSentAsTheCorrelationRequestIdItself() {
        arm = EmulatedArm.start();
        String guid = "6f1c0c3e-8a51-4d55-9a0e-1d2b6c3f4a7e";

        arm.gateway.get(address("cpu-cluster"), guid.toUpperCase(java.util.Locale.ROOT));

        assertThat(arm.lastRequest().correlationRequestId()).isEqualTo(guid);
    }

    @Test
    void eachCallIsLoggedWithBothIdsTheCorrelationIdAndArmsRequestId() {
        arm = EmulatedArm.start();
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(ArmExchange.class.getName());
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level before = logger.getLevel();
        logger.setLevel(java.util.logging.Level.INFO);
        logger.addHandler(capture);
        try {
            arm.gateway.create(address("cpu-cluster"), cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 1), EmulatedArm.SETUP_MARK, CORRELATION);
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }

        RecordedRequest put = arm.lastRequest();
        assertThat(records).extracting(r -> java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
                .filteredOn(line -> line.startsWith("ARM PUT"))
                .singleElement().satisfies(line -> assertThat(line).contains(CORRELATION, put.clientRequestId(),
                        put.correlationRequestId(), "answered 201", "x-ms-request-id ").doesNotContain("null"));
    }

    static void assertGuid(String value) {
        assertThat(value).isNotNull();
        assertThat(java.util.UUID.fromString(value).toString()).isEqualTo(value);
    }

    @Test
    void theGatewayNeverShowsSecretsInItsDescription() {
        arm = EmulatedArm.start();
        arm.gateway.create(address("cpu-cluster"), EmulatedArm.fullCluster("cpu-cluster"), EmulatedArm.SETUP_MARK, CORRELATION);

        assertThat(arm.gateway.toString()).doesNotContain(EmulatedArm.ADMIN_PASSWORD);
        assertThat(arm.gateway.get(address("cpu-cluster"), CORRELATION).orElseThrow().toString())
                .doesNotContain(EmulatedArm.ADMIN_PASSWORD).doesNotContain(EmulatedArm.SSH_PUBLIC_KEY);
    }

    private ComputeStatus status(ComputeAddress address) {
        return arm.gateway.get(address, CORRELATION).orElseThrow().status();
    }

    private JsonNode putBody(String computeName) throws IOException {
        RecordedRequest put = arm.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().endsWith("/computes/" + computeName))
                .findFirst().orElseThrow();
        return Json.MAPPER.readTree(put.body());
    }

    private void assertNoSecretInRequestLog() {
        for (RecordedRequest request : arm.requests()) {
            for (String secret : EmulatedArm.SECRET_VALUES) {
                assertThat(request.toString()).doesNotContain(secret);
            }
        }
    }

    static void assertNoSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String secret : EmulatedArm.SECRET_VALUES) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                assertThat(t.toString()).doesNotContain(secret);
            }
        }
    }
}
