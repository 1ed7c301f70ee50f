package io.amlcompute.provisioner.arm;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends one ARM call through the pipeline: tags it with {@link ArmCallIds} (a fresh {@code x-ms-client-request-id},
 * kept by its retries, and the request's {@code x-ms-correlation-request-id}), reads the answer whole,
 * turns an error answer or a transport failure into a {@link ProvisioningException} (via {@link ArmErrors}) and
 * retries {@link ErrorKind#THROTTLED} and {@link ErrorKind#TRANSIENT} as {@link RetrySettings} bound it. Every other
 * kind surfaces at once: an operation in progress or a conflict is the orchestration's to wait for or decide.
 * Writes and failures are logged at INFO, reads at DEBUG, each with both ids, the request's correlation id and ARM's
 * {@code x-ms-request-id}, so a support ticket can quote any of them. Thread-safe.
 */
final class ArmExchange {

    private static final System.Logger LOG = System.getLogger(ArmExchange.class.getName());
    private static final HttpHeaderName X_MS_CORRELATION_REQUEST_ID =
            HttpHeaderName.fromString("x-ms-correlation-request-id");

    private final HttpPipeline pipeline;
    private final RetrySettings retry;
    private final Clock clock;

    ArmExchange(HttpPipeline pipeline, RetrySettings retry, Clock clock) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param body    the JSON body, or null
     * @param secrets the values in {@code body}, scrubbed from every message built from the answer
     * @return the answer when its status is below 400
     * @throws ProvisioningException for every other outcome, after the bounded retries
     */
    ArmReply send(HttpMethod method, URL url, byte[] body, String correlationId, SecretValues secrets) {
        ArmCallIds ids = ArmCallIds.newCall(correlationId);
        for (int attempt = 1; ; attempt++) {
            ProvisioningException failure;
            String armRequestId = null;
            try {
                ArmReply reply = sendOnce(method, url, body, ids);
                armRequestId = reply.headers().getValue(HttpHeaderName.X_MS_REQUEST_ID);
                if (reply.status() < 400) {
                    LOG.log(method == HttpMethod.GET ? System.Logger.Level.DEBUG : System.Logger.Level.INFO,
                            "ARM {0} {1} answered {2} (attempt {3}; {4}, {5})", method, url.getPath(),
                            reply.status(), attempt, ids.describe(), armRequestIdOf(armRequestId));
                    return reply;
                }
                failure = ArmErrors.fromReply(reply, RetryAfter.from(reply.headers(), clock).orElse(null), secrets);
            } catch (RuntimeException transportFailure) {
                failure = ArmErrors.fromTransportFailure(transportFailure, secrets);
            }
            Duration wait = retryable(failure.kind()) && attempt < retry.maxAttempts()
                    ? retry.delayBefore(attempt, failure.retryAfter()) : null;
            if (wait == null) {
                // A 404 on a read is an answer (get-or-create asks exactly that), not a failure worth a line.
                boolean expected = method == HttpMethod.GET && failure.kind() == ErrorKind.NOT_FOUND;
                LOG.log(expected ? System.Logger.Level.DEBUG : System.Logger.Level.INFO,
                        "ARM {0} {1} failed: {2} {3} (attempt {4}; {5}, {6})", method, url.getPath(),
                        ArmErrors.label(failure.kind()), failure.code(), attempt, ids.describe(),
                        armRequestIdOf(armRequestId));
                throw failure;
            }
            LOG.log(System.Logger.Level.INFO, "ARM {0} {1} was {2} ({3}); retry {4} of {5} in {6} ({7}, {8})",
                    method, url.getPath(), ArmErrors.label(failure.kind()), failure.code(), attempt,
                    retry.maxAttempts() - 1, wait, ids.describe(), armRequestIdOf(armRequestId));
            pause(wait, failure);
        }
    }

    private ArmReply sendOnce(HttpMethod method, URL url, byte[] body, ArmCallIds ids) {
        HttpRequest request = new HttpRequest(method, url);
        request.setHeader(HttpHeaderName.X_MS_CLIENT_REQUEST_ID, ids.clientRequestId());
        request.setHeader(X_MS_CORRELATION_REQUEST_ID, ids.correlationRequestId());
        request.setHeader(HttpHeaderName.ACCEPT, "application/json");
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(BinaryData.fromBytes(body));
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            BinaryData content = response.getBodyAsBinaryData();
            byte[] bytes = content == null ? new byte[0] : content.toBytes();
            return new ArmReply(response.getStatusCode(), response.getHeaders(), bytes);
        }
    }

    /** ARM's own id of the call, or why there is none. */
    private static String armRequestIdOf(String armRequestId) {
        return armRequestId == null ? "no answer from ARM" : "x-ms-request-id " + armRequestId;
    }

    private static boolean retryable(ErrorKind kind) {
        return kind == ErrorKind.THROTTLED || kind == ErrorKind.TRANSIENT;
    }

    private void pause(Duration wait, ProvisioningException pending) {
        try {
            retry.pause().pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw pending;
        }
    }
}
