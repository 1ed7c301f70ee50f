package io.amlcompute.provisioner.arm;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.management.exception.ManagementException;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** One row per ARM answer users meet in practice (platform notes 5), and the kind it must map to. */
class ArmErrorsTest {

    static Stream<Arguments> answers() {
        return Stream.of(
                arguments(404, error("ResourceNotFound", "The compute was not found."), ErrorKind.NOT_FOUND),
                arguments(409, error("ComputeAlreadyExists", "Compute with this name already exists"),
                        ErrorKind.CONFLICT),
                arguments(409, error("Conflict",
                        "Operation failed: another operation on same entity is already running"),
                        ErrorKind.OPERATION_IN_PROGRESS),
                arguments(409, error("OperationInProgress", "Busy."), ErrorKind.OPERATION_IN_PROGRESS),
                arguments(409, error("Conflict", "A scale operation is in progress for this cluster."),
                        ErrorKind.OPERATION_IN_PROGRESS),
                arguments(409, error("ComputeInFailedState", "Compute failed to provision and cannot be updated."),
                        ErrorKind.CONFLICT),
                arguments(409, null, ErrorKind.CONFLICT),
                arguments(400, error("UserError", "Compute with this name already exists"), ErrorKind.CONFLICT),
                arguments(400, error("BadRequest", "Operation results in exceeding quota limits of Core. Maximum "
                        + "allowed: 0, Current in use: 0, Additional requested: 8."), ErrorKind.QUOTA_EXCEEDED),
                arguments(400, error("QuotaExceeded", "Not enough cores."), ErrorKind.QUOTA_EXCEEDED),
                arguments(409, error("Conflict", "Operation results in exceeding quota limits of Core."),
                        ErrorKind.QUOTA_EXCEEDED),
                arguments(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Failed.\",\"details\":"
                        + "[{\"code\":\"QuotaExceeded\",\"message\":\"Cores.\"}]}}", ErrorKind.QUOTA_EXCEEDED),
                arguments(400, error("VmSizeNotSupported", "VM size 'STANDARD_X' is not supported."),
                        ErrorKind.INVALID_REQUEST),
                arguments(422, error("UnprocessableEntity", "No."), ErrorKind.INVALID_REQUEST),
                arguments(401, error("InvalidAuthenticationToken", "The access token is invalid."),
                        ErrorKind.UNAUTHORIZED),
                arguments(403, error("Forbidden", "Invalid access token"), ErrorKind.FORBIDDEN),
                arguments(403, error("AuthorizationFailed", "The client does not have authorization."),
                        ErrorKind.FORBIDDEN),
                arguments(429, error("SubscriptionRequestsThrottled", "Too many requests."), ErrorKind.THROTTLED),
                arguments(500, error("InternalServerError", "Boom."), ErrorKind.TRANSIENT),
                arguments(502, null, ErrorKind.TRANSIENT),
                arguments(503, "<html>Service Unavailable</html>", ErrorKind.TRANSIENT),
                arguments(408, null, ErrorKind.TRANSIENT));
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @MethodSource("answers")
    void mapsEachArmAnswerToOneKind(int status, String body, ErrorKind expected) {
        ProvisioningException e = ArmErrors.fromReply(reply(status, body), null, SecretValues.none());

        assertThat(e.kind()).isEqualTo(expected);
    }

    @Test
    void carriesArmCodeAndMessageAndAManagementExceptionCause() {
        ProvisioningException e = ArmErrors.fromReply(
                reply(409, error("ComputeAlreadyExists", "Compute with this name already exists")), null,
                SecretValues.none());

        assertThat(e.code()).isEqualTo("ComputeAlreadyExists");
        assertThat(e.getMessage()).isEqualTo("Compute with this name already exists");
        assertThat(e.getCause()).isInstanceOf(ManagementException.class);
        assertThat(((ManagementException) e.getCause()).getValue().getCode()).isEqualTo("ComputeAlreadyExists");
    }

    @Test
    void describesAnAnswerWithoutErrorBodyByItsStatus() {
        ProvisioningException e = ArmErrors.fromReply(reply(502, null), Duration.ofSeconds(3), SecretValues.none());

        assertThat(e.code()).isEqualTo("Http502");
        assertThat(e.getMessage()).contains("502");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void scrubsResolvedSecretsFromArmMessages() {
        SecretValues secrets = SecretValues.resolvedBy(ref -> "dapi-top-secret-token");
        secrets.resolve(new io.amlcompute.provisioner.contract.SecretRef("local:token"));

        ProvisioningException e = ArmErrors.fromReply(
                reply(400, error("InvalidToken", "Token dapi-top-secret-token is malformed")), null, secrets);

        assertThat(e.getMessage()).isEqualTo("Token [REDACTED] is malformed").doesNotContain("dapi-top-secret-token");
        assertThat(e.getCause().getMessage()).doesNotContain("dapi-top-secret-token");
        assertThat(secrets.toString()).doesNotContain("dapi-top-secret-token");
    }

    @Test
    void transportFailuresAreTransientAndTokenFailuresUnauthorized() {
        ProvisioningException reset = ArmErrors.fromTransportFailure(
                new UncheckedIOException(new IOException("Connection reset by peer")), SecretValues.none());
        ProvisioningException timeout = ArmErrors.fromTransportFailure(
                new RuntimeException(new TimeoutException("Did not observe any item")), SecretValues.none());
        ProvisioningException token = ArmErrors.fromTransportFailure(
                new ClientAuthenticationException("ManagedIdentityCredential authentication unavailable", null),
                SecretValues.none());

        assertThat(reset.kind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(reset.getMessage()).contains("Connection reset by peer");
        assertThat(timeout.kind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(token.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
    }

    private static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"target\":null,\"details\":[]}}";
    }

    private static ArmReply reply(int status, String body) {
        return new ArmReply(status, new HttpHeaders(),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }
}
