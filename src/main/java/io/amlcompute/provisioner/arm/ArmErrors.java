package io.amlcompute.provisioner.arm;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place ARM failures become the project's {@link ErrorKind} taxonomy. Input is what the generated SDK's
 * {@link ManagementException} would carry too (status, {@link ManagementError}, Retry-After), so the mapping would
 * survive replacing the hand-built client. ARM's code and message go into the exception, scrubbed of the request's
 * secret values; the cause is a {@link ManagementException} built from the same scrubbed values and no response
 * (the response would reach the request body).
 */
final class ArmErrors {

    /** Quota errors, e.g. "Operation results in exceeding quota limits of Core" (platform notes, section 5). */
    private static final Pattern QUOTA_MESSAGE = Pattern.compile(
            "exceed\\w*\\s+(the\\s+)?quota|quota\\s+(limit|exceeded)", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTA_CODE = Pattern.compile("quota", Pattern.CASE_INSENSITIVE);
    /** "Operation failed: another operation on same entity is already running" and its relatives. */
    private static final Pattern IN_PROGRESS_MESSAGE = Pattern.compile(
            "another operation|already running|(operation|update|deletion|creation)\\b.{0,60}\\bin progress",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IN_PROGRESS_CODE = Pattern.compile("inprogress|busy", Pattern.CASE_INSENSITIVE);
    /** "Compute with this name already exists": a name collision, whatever 4xx status carries it. */
    private static final Pattern EXISTS_MESSAGE = Pattern.compile("already exists", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXISTS_CODE = Pattern.compile("alreadyexists", Pattern.CASE_INSENSITIVE);

    private ArmErrors() {
    }

    /** The kind of an ARM error answer; {@code error} is null when the body held no ErrorResponse. */
    static ErrorKind classify(int status, ManagementError error) {
        if (status == 429) {
            return ErrorKind.THROTTLED;
        }
        if (status >= 500 || status == 408) {
            return ErrorKind.TRANSIENT;
        }
        if (status == 401) {
            return ErrorKind.UNAUTHORIZED;
        }
        if (status == 403) {
            // Includes the Databricks attach's "Invalid access token".
            return ErrorKind.FORBIDDEN;
        }
        if (status == 404) {
            return ErrorKind.NOT_FOUND;
        }
        if (anyMatch(error, QUOTA_CODE, QUOTA_MESSAGE)) {
            return ErrorKind.QUOTA_EXCEEDED;
        }
        if (status == 409) {
            // 409 means either "another operation is running" (wait) or a name collision / state clash (decide).
            return anyMatch(error, IN_PROGRESS_CODE, IN_PROGRESS_MESSAGE)
                    ? ErrorKind.OPERATION_IN_PROGRESS : ErrorKind.CONFLICT;
        }
        // A collision reported as 400 still means "someone else has this name": the caller continues as existing.
        return anyMatch(error, EXISTS_CODE, EXISTS_MESSAGE) ? ErrorKind.CONFLICT : ErrorKind.INVALID_REQUEST;
    }

    /** The exception for an ARM answer with status 400 or above. */
    static ProvisioningException fromReply(ArmReply reply, Duration retryAfter, SecretValues secrets) {
        ManagementError error = parse(reply.body());
        ErrorKind kind = classify(reply.status(), error);
        String code = error != null && error.getCode() != null ? error.getCode() : "Http" + reply.status();
        String message = secrets.redact(error != null && error.getMessage() != null
                ? error.getMessage()
                : "ARM answered HTTP " + reply.status() + " without an error description.");
        ManagementException cause = new ManagementException(message, null, new ManagementError(code, message));
        return new ProvisioningException(kind, code, message, retryAfter, cause);
    }

    /** The exception for a call that got no answer: connection refused or reset, timeout, token failure. */
    static ProvisioningException fromTransportFailure(RuntimeException failure, SecretValues secrets) {
        ClientAuthenticationException authentication = find(failure, ClientAuthenticationException.class);
        if (authentication != null) {
            return new ProvisioningException(ErrorKind.UNAUTHORIZED, "CredentialUnavailable",
                    secrets.redact("No token for ARM: " + authentication.getMessage()), null, null);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return new ProvisioningException(ErrorKind.TRANSIENT, "ArmUnreachable",
                secrets.redact("ARM did not answer: " + what), null, null);
    }

    /** ARM's ErrorResponse ({@code {"error": ErrorDetail}}; a bare ErrorDetail is read too), or null. */
    static ManagementError parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try (JsonReader reader = JsonProviders.createReader(body)) {
            ManagementError error = ManagementError.fromJson(reader);
            return error == null || (error.getCode() == null && error.getMessage() == null) ? null : error;
        } catch (IOException | RuntimeException notAnErrorResponse) {
            return null;
        }
    }

    private static boolean anyMatch(ManagementError error, Pattern code, Pattern message) {
        if (error == null) {
            return false;
        }
        if ((error.getCode() != null && code.matcher(error.getCode()).find())
                || (error.getMessage() != null && message.matcher(error.getMessage()).find())) {
            return true;
        }
        List<? extends ManagementError> details = error.getDetails();
        return details != null && details.stream().anyMatch(d -> anyMatch(d, code, message));
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** For log lines: lower-case kind names read better next to HTTP statuses. */
    static String label(ErrorKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
