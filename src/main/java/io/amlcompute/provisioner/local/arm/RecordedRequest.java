package io.amlcompute.provisioner.local.arm;

import java.time.Instant;

/**
 * One request as the emulator's request log keeps it, for tests to assert on. Secrets never appear: the
 * Authorization header is reduced to whether it was present, and secret fields of the body are replaced by
 * {@code [REDACTED]} (a body that is not JSON is withheld).
 *
 * @param receivedAt            on the emulator's clock
 * @param query                 the raw query string, or null
 * @param clientRequestId       the {@code x-ms-client-request-id} header, or null
 * @param correlationRequestId  the {@code x-ms-correlation-request-id} header, or null
 * @param status                the status answered, {@link #CONNECTION_DROPPED} when a fault closed the connection
 *                              first, or {@link #RESPONSE_LOST} when the request was carried out but a fault closed
 *                              the connection before the answer
 * @param body                  the redacted body, "" when there was none
 */
public record RecordedRequest(Instant receivedAt, String method, String path, String query, String clientRequestId,
                              String correlationRequestId, boolean authorizationPresent, int status, String body) {

    /** The status recorded for a request whose connection a fault closed without answering. */
    public static final int CONNECTION_DROPPED = 0;

    /** The status recorded for a request that was carried out but whose answer a fault never sent. */
    public static final int RESPONSE_LOST = -1;
}
