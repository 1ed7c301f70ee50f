package io.amlcompute.provisioner.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.InstanceStatus;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ComputeResource;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BiConsumer;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The gateway's compute instance operations over real HTTP against the ARM emulator: the ComputeInstance body, the
 * power actions, and reading state, errors, connectivity endpoints and applications.
 */
class ArmComputeGatewayInstanceTest {

    private static final String CORRELATION = "onboarding-alice";

    private EmulatedArm arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    @Test
    void createInstanceSendsComputeInstancePropertiesWithApiVersion20260701() throws IOException {
        arm = EmulatedArm.start();

        ComputeResource created = arm.gateway.createInstance(address("ci-alice"), EmulatedArm.instance("ci-alice"),
                EmulatedArm.SETUP_MARK, CORRELATION);

        assertThat(created.computeType()).isEqualTo("ComputeInstance");
        assertThat(created.status().provisioningState()).isEqualTo("Creating");
        RecordedRequest put = arm.lastRequest();
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.query()).as("idleTimeBeforeShutdown and enableSSO exist from 2026-07-01")
                .isEqualTo("api-version=2026-07-01");
        JsonNode body = Json.MAPPER.readTree(put.body());
        assertThat(body.path("location").asText()).isEqualTo("westeurope");
        assertThat(body.path("tags").path(EmulatedArm.SETUP_MARK.TAG).asText()).isEqualTo("test-setup");
        JsonNode compute = body.path("properties");
        assertThat(compute.has("computeLocation")).as("an instance lives in its workspace's region").isFalse();
        assertThat(compute.path("description").asText()).isEqualTo("Alice's machine");
        JsonNode properties = compute.path("properties");
        assertThat(properties.path("vmSize").asText()).isEqualTo("Standard_DS3_v2");
        assertThat(properties.path("computeInstanceAuthorizationType").asText()).isEqualTo("personal");
        assertThat(properties.path("personalComputeInstanceSettings").path("assignedUser").path("objectId").asText())
                .isEqualTo(EmulatedArm.ALICE.objectId());
        assertThat(properties.path("applicationSharingPolicy").asText()).isEqualTo("Personal");
        assertThat(properties.path("sshSettings").path("sshPublicAccess").asText()).isEqualTo("Disabled");
        assertThat(properties.path("idleTimeBeforeShutdown").asText()).isEqualTo("PT60M");
        assertThat(properties.path("enableSSO").asBoolean(true)).isFalse();
        assertThat(properties.path("enableNodePublicIp").asBoolean(false)).isTrue();
        JsonNode script = properties.path("setupScripts").path("scripts").path("creationScript");
        assertThat(script.path("scriptSource").asText()).isEqualTo("workspaceStorage");
        assertThat(script.path("scriptData").asText()).isEqualTo("Users/alice/setup.sh");
        assertThat(script.path("scriptArguments").asText()).isEqualTo("--quiet");
        assertThat(script.path("timeout").asText()).isEqualTo("10m");
        JsonNode schedule = properties.path("schedules").path("computeStartStop").get(0);
        assertThat(schedule.path("action").asText()).isEqualTo("Stop");
        assertThat(schedule.path("triggerType").asText()).isEqualTo("Cron");
        assertThat(schedule.path("cron").path("expression").asText()).isEqualTo("0 19 * * 1-5");
    }

    @Test
    void readsARunningInstancesStateUserAndEndpoints() {
        arm = EmulatedArm.start();
        arm.gateway.createInstance(address("ci-alice"), EmulatedArm.instance("ci-alice"), EmulatedArm.SETUP_MARK,
                CORRELATION);
        ComputeResource creating = arm.gateway.get(address("ci-alice"), CORRELATION).orElseThrow();
        assertThat(creating.status().instance().state()).isEqualTo("Creating");
        assertThat(creating.status().instance().applications()).isEmpty();
        arm.advance(Duration.ofSeconds(10));

        ComputeResource running = arm.gateway.get(address("ci-alice"), CORRELATION).orElseThrow();

        InstanceStatus instance = running.status().instance();
        assertThat(instance.state()).isEqualTo("Running");
        assertThat(instance.assignedUserObjectId()).isEqualTo(EmulatedArm.ALICE.objectId());
        assertThat(instance.lastOperation().name()).isEqualTo("Create");
        assertThat(instance.lastOperation().status()).isEqualTo("Succeeded");
        assertThat(instance.applications()).extracting(InstanceStatus.Application::displayName)
                .contains("Jupyter Lab", "VS Code");
        assertThat(instance.ssh()).as("no public SSH").isNull();
        assertThat(running.instance().vmSize()).isEqualTo("Standard_DS3_v2");
        assertThat(running.instance().assignedUserTenantId()).isEqualTo(EmulatedArm.ALICE.tenantId());
        assertThat(running.instance().schedules()).containsExactly(EmulatedArm.instance("ci-alice").schedules().get(0)
                .describe());
        assertThat(running.instance().idleTimeBeforeShutdown()).as("not in a 2025-12-01 answer").isNull();
    }

    @Test
    void readsIdleShutdownAndSingleSignOnWhenConfiguredForApiVersion20260701() {
        arm = EmulatedArm.start(b -> {
        }, gateway -> gateway.apiVersion("2026-07-01"));
        arm.gateway.createInstance(address("ci-alice"), EmulatedArm.instance("ci-alice"), EmulatedArm.SETUP_MARK,
                CORRELATION);

        ComputeResource read = arm.gateway.get(address("ci-alice"), CORRELATION).orElseThrow();

        assertThat(read.instance().idleTimeBeforeShutdown()).isEqualTo("PT60M");
        assertThat(read.instance().enableSso()).isFalse();
    }

    @Test
    void readsTheSshEndpointOfASharedInstanceWithPublicSshWithoutItsKey() {
        arm = EmulatedArm.start();
        arm.gateway.createInstance(address("ci-team"), EmulatedArm.sharedInstance("ci-team"), EmulatedArm.SETUP_MARK,
                CORRELATION);
        arm.advance(Duration.ofSeconds(10));

        InstanceStatus instance = arm.gateway.get(address("ci-team"), CORRELATION).orElseThrow().status().instance();

        assertThat(instance.ssh()).isNotNull();
        assertThat(instance.ssh().host()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(instance.ssh().port()).isEqualTo(22);
        assertThat(arm.requests()).allSatisfy(request -> assertThat(request.body())
                .doesNotContain(EmulatedArm.SSH_PUBLIC_KEY));
    }

    @Test
    void powerActionsPostWithoutBodyAndTheInstanceFollows() {
        arm = EmulatedArm.start();
        arm.gateway.createInstance(address("ci-alice"), EmulatedArm.instance("ci-alice"), EmulatedArm.SETUP_MARK,
                CORRELATION);
        arm.advance(Duration.ofSeconds(10));

        arm.gateway.stop(address("ci-alice"), CORRELATION);
        RecordedRequest stop = arm.lastRequest();
        assertThat(stop.method()).isEqualTo("POST");
        assertThat(stop.path()).isEqualTo(address("ci-alice").resourceId() + "/stop");
        assertThat(stop.query()).isEqualTo("api-version=2026-07-01");
        assertThat(stop.status()).isEqualTo(202);
        assertThat(stop.body()).isEmpty();
        assertThat(state()).isEqualTo("Stopping");
        arm.advance(Duration.ofSeconds(4));
        assertThat(state()).isEqualTo("Stopped");

        arm.gateway.start(address("ci-alice"), CORRELATION);
        arm.advance(Duration.ofSeconds(4));
        assertThat(state()).isEqualTo("Running");

        arm.gateway.restart(address("ci-alice"), CORRELATION);
        assertThat(arm.lastRequest().path()).endsWith("/restart");
        assertThat(state()).isEqualTo("Restarting");
    }

    @Test
    void aPowerActionDuringAnotherIsAnOperationInProgress() {
        arm = EmulatedArm.start();
        arm.gateway.createInstance(address("ci-alice"), EmulatedArm.instance("ci-alice"), EmulatedArm.SETUP_MARK,
                CORRELATION);

        ProvisioningException during = catchThrowableOfType(
                () -> arm.gateway.stop(address("ci-alice"), CORRELATION), ProvisioningException.class);

        assertThat(during.kind()).isEqualTo(ErrorKind.OPERATION_IN_PROGRESS);
        assertThat(during.kind().retryable()).isTrue();
    }

    @Test
    void aPowerActionTheStateDoesNotAllowIsAnInvalidRequestWithArmsCode() {
        arm = EmulatedArm.start();
        arm.gateway.createInstance(address("ci-alice"), EmulatedArm.instance("ci-alice"), EmulatedArm.SETUP_MARK,
                CORRELATION);
        arm.advance(Duration.ofSeconds(10));

        assertRefused((gateway, name) -> gateway.start(address(name), CORRELATION), "ci-alice",
                ErrorKind.INVALID_REQUEST, "StartComputeInstanceOnlyAllowedInStoppedState");
        assertRefused((gateway, name) -> gateway.restart(address(name), CORRELATION), "ci-nobody",
                ErrorKind.NOT_FOUND, "ResourceNotFound");
    }

    @Test
    void aFailedCreationReadsFailedWithItsErrorOnce() {
        arm = EmulatedArm.start(b -> b.instanceCreateFailsFor("Standard_NC6"));
        arm.gateway.createInstance(address("ci-bob"), EmulatedArm.instance("ci-bob", "Standard_NC6"),
                EmulatedArm.SETUP_MARK, CORRELATION);
        arm.advance(Duration.ofSeconds(10));

        ComputeResource failed = arm.gateway.get(address("ci-bob"), CORRELATION).orElseThrow();

        assertThat(failed.failed()).isTrue();
        assertThat(failed.status().instance().state()).isEqualTo("CreateFailed");
        assertThat(failed.status().errors()).singleElement()
                .satisfies(error -> assertThat(error.code()).isEqualTo("ComputeInstanceCreateFailed"));
    }

    private String state() {
        return arm.gateway.get(address("ci-alice"), CORRELATION).orElseThrow().status().instance().state();
    }

    private void assertRefused(BiConsumer<ArmComputeGateway, String> action, String name, ErrorKind kind, String code) {
        ProvisioningException refused = catchThrowableOfType(() -> action.accept(arm.gateway, name),
                ProvisioningException.class);
        assertThat(refused.kind()).isEqualTo(kind);
        assertThat(refused.code()).isEqualTo(code);
    }
}
