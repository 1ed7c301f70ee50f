package io.amlcompute.provisioner.arm;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * The two ids ARM traces a call by (ARM RPC, common-api-details.md, "Client Request Headers";
 * Azure/azure-resource-manager-rpc v1.0):
 * <ul>
 *   <li>{@code x-ms-client-request-id}: "caller-specified value identifying the request, in the form of a GUID". A
 *       fresh random GUID per call, as every Azure SDK sends: their client builders put {@code RequestIdPolicy} before
 *       the retry policy, so the retries of one call keep its id.</li>
 *   <li>{@code x-ms-correlation-request-id}: "identifying a set of related operations that the request belongs to,
 *       in the form of a GUID"; ARM passes it on to the resource provider, which must log it. One GUID per request's
 *       correlation id: the correlation id itself when it is a GUID, else a name-based GUID of it, so every call of a
 *       request carries the same value in every process and after every restart.</li>
 * </ul>
 *
 * @param correlationId the request's free-text correlation id these ids stand for in ARM
 */
record ArmCallIds(String clientRequestId, String correlationRequestId, String correlationId) {

    private static final String NAMESPACE = "aml-compute-provisioner/correlation/";

    ArmCallIds {
        Objects.requireNonNull(clientRequestId, "clientRequestId");
        Objects.requireNonNull(correlationRequestId, "correlationRequestId");
    }

    /** The ids of a new call made for {@code correlationId}. */
    static ArmCallIds newCall(String correlationId) {
        return new ArmCallIds(UUID.randomUUID().toString(), correlationRequestId(correlationId), correlationId);
    }

    static String correlationRequestId(String correlationId) {
        if (correlationId == null || correlationId.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        try {
            UUID given = UUID.fromString(correlationId);
            // UUID.fromString also takes non-canonical forms ("1-2-3-4-5"); only a canonical GUID is passed as is.
            if (given.toString().equalsIgnoreCase(correlationId)) {
                return given.toString();
            }
        } catch (IllegalArgumentException notAGuid) {
            // derived below
        }
        return UUID.nameUUIDFromBytes((NAMESPACE + correlationId).getBytes(StandardCharsets.UTF_8)).toString()
                .toLowerCase(Locale.ROOT);
    }

    /** For log lines: every id a support ticket could quote. */
    String describe() {
        return "correlationId " + correlationId + ", x-ms-correlation-request-id " + correlationRequestId
                + ", x-ms-client-request-id " + clientRequestId;
    }
}
