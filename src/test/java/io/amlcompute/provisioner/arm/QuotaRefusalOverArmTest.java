package io.amlcompute.provisioner.arm;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static io.amlcompute.provisioner.arm.EmulatedArm.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.local.arm.FaultRule;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A quota refusal answered synchronously (400 on the PUT, not a Failed provisioning later), injected by the
 * emulator's fault rules and read by the real gateway over HTTP. Platform notes, section 5: quota is the error users
 * hit most; it must end the request as failed, not be retried or waited on.
 */
class QuotaRefusalOverArmTest {

    private static final String NAME = "gpu-cluster";
    private static final String QUOTA_MESSAGE = "Operation results in exceeding quota limits of Core. Maximum "
            + "allowed: 24, Current in use: 24, Additional requested: 48.";

    private EmulatedArm arm;

    @AfterEach
    void stop() {
        if (arm != null) {
            arm.close();
        }
    }

    private void refusePutWith(String code, String message) {
        arm = EmulatedArm.start();
        arm.emulator.faults().add(FaultRule.on("PUT", ".*/computes/" + NAME).error(400, code, message).always());
    }

    @Test
    void theGatewayClassifiesASynchronousQuotaCodeAsQuotaExceeded() {
        refusePutWith("QuotaExceeded", "Not enough cores in the subscription.");

        ProvisioningException refused = catchThrowableOfType(ProvisioningException.class,
                () -> arm.gateway.create(address(NAME), cluster(NAME, "STANDARD_NC24", 0, 2), EmulatedArm.SETUP_MARK, "quota-test"));

        assertThat(refused.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
        assertThat(refused.code()).isEqualTo("QuotaExceeded");
        assertThat(arm.computeRequests()).extracting(RecordedRequest::status).containsExactly(400);
    }

    @Test
    void theGatewayRecognisesQuotaByArmsMessageUnderAGenericCode() {
        refusePutWith("BadRequest", QUOTA_MESSAGE);

        ProvisioningException refused = catchThrowableOfType(ProvisioningException.class,
                () -> arm.gateway.create(address(NAME), cluster(NAME, "STANDARD_NC24", 0, 2), EmulatedArm.SETUP_MARK, "quota-test"));

        assertThat(refused.kind()).isEqualTo(ErrorKind.QUOTA_EXCEEDED);
        assertThat(refused.getMessage()).isEqualTo(QUOTA_MESSAGE);
    }

    @Test
    void anEnsureRefusedForQuotaFailsAtOnceWithArmsCodeAndMessage() {
        refusePutWith("QuotaExceeded", QUOTA_MESSAGE);

        ActionResult result = new ComputeActions(arm.gateway).perform(new ComputeRequest("req-quota", "corr-quota",
                EmulatedArm.WORKSPACE, cluster(NAME, "STANDARD_NC24", 0, 2),
                new RequestOptions(Duration.ofMinutes(30), 0, OnExisting.REUSE, OnFailedLeftover.FAIL)));

        assertThat(result).isInstanceOf(ActionResult.Failed.class);
        assertThat(((ActionResult.Failed) result).errors()).singleElement()
                .isEqualTo(ComputeStatus.ErrorInfo.of("QuotaExceeded", QUOTA_MESSAGE));
        // Looked up once, refused once: no retry of a refusal that waiting cannot fix.
        assertThat(arm.computeRequests()).extracting(RecordedRequest::method, RecordedRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", 404),
                        org.assertj.core.groups.Tuple.tuple("PUT", 400));
    }
}
