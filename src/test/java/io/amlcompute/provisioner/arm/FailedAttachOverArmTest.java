package io.amlcompute.provisioner.arm;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.ComputeResource;
import io.amlcompute.provisioner.provisioning.StatusRead;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An attach ARM accepts (201) that then provisions to Failed, as the emulator's {@code attachFailsFor} makes it, read
 * by the real gateway over HTTP: the failure must arrive as a failed status carrying ARM's provisioningErrors, and a
 * compute left Failed by such an attach must not be reused by the next attach.
 */
class FailedAttachOverArmTest {

    private static final String NAME = "dsvm";

    private EmulatedArm arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private void startWithFailingVm() {
        arm = EmulatedArm.start(b -> b.attachFailsFor(EmulatedArm.VM_ID));
    }

    @Test
    void theGatewayReadsAFailedAttachAsAFailedStatusWithArmsError() {
        startWithFailingVm();

        ComputeResource accepted = arm.gateway.attach(address(NAME), EmulatedArm.virtualMachine(NAME), EmulatedArm.SETUP_MARK, "corr-attach");
        arm.advance(Duration.ofSeconds(10));
        ComputeResource failed = arm.gateway.get(address(NAME), "corr-attach").orElseThrow();

        assertThat(accepted.failed()).as("ARM accepted the attach").isFalse();
        assertThat(accepted.status().provisioningState()).isEqualTo("Creating");
        assertThat(failed.failed()).isTrue();
        assertThat(failed.attached()).isTrue();
        assertThat(failed.status().provisioningState()).isEqualTo("Failed");
        assertThat(failed.status().errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("AttachFailed");
            assertThat(error.message()).contains(EmulatedArm.VM_ID);
        });
    }

    @Test
    void theMonitorsStatusReadOfAFailedAttachIsFoundFailedNotAnError() {
        startWithFailingVm();
        ComputeActions actions = new ComputeActions(arm.gateway);
        ComputeRequest request = attachRequest(OnFailedLeftover.FAIL);

        ActionResult acted = actions.perform(request);
        arm.advance(Duration.ofSeconds(10));
        StatusRead read = actions.readStatus(io.amlcompute.provisioner.provisioning.StatusQuery.of(request));

        assertThat(acted).isInstanceOfSatisfying(ActionResult.Done.class,
                done -> assertThat(done.outcome()).isEqualTo(Outcome.ATTACHED));
        assertThat(read).isInstanceOfSatisfying(StatusRead.Found.class, found -> {
            assertThat(found.status().provisioningState()).isEqualTo("Failed");
            assertThat(found.status().errors()).extracting(ComputeStatus.ErrorInfo::code).containsExactly("AttachFailed");
        });
    }

    /**
     * A Failed attached leftover fails the next attach with ARM's errors and writes nothing, whatever
     * onFailedLeftover says: replace applies to ensure only (the parser rejects it on attach), so even if it
     * arrives here nothing is detached for the caller.
     */
    @ParameterizedTest
    @EnumSource(OnFailedLeftover.class)
    void aFailedAttachedLeftoverFailsTheNextAttachWithItsErrorsAndIsNeverDetachedForYou(OnFailedLeftover option) {
        startWithFailingVm();
        arm.gateway.attach(address(NAME), EmulatedArm.virtualMachine(NAME), EmulatedArm.SETUP_MARK, "setup");
        arm.advance(Duration.ofSeconds(60));
        arm.emulator.clearRequests();

        ActionResult result = new ComputeActions(arm.gateway).perform(attachRequest(option));

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class, failed -> {
            assertThat(failed.errors()).extracting(ComputeStatus.ErrorInfo::code)
                    .containsExactly("FailedLeftover", "AttachFailed");
            assertThat(failed.errors().get(0).message()).contains("Failed").contains("Detach it first");
        });
        assertThat(arm.requests()).extracting(RecordedRequest::method).containsOnly("GET");
    }

    private static ComputeRequest attachRequest(OnFailedLeftover onFailedLeftover) {
        AttachCompute attach = EmulatedArm.virtualMachine(NAME);
        return new ComputeRequest("req-attach", "corr-attach", EmulatedArm.WORKSPACE, attach,
                new RequestOptions(Duration.ofMinutes(30), 0, OnExisting.REUSE, onFailedLeftover));
    }
}
