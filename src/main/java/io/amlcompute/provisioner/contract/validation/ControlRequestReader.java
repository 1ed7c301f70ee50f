package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ControlRequest;

import java.time.Duration;

/**
 * Reads a control request: {@code renew} ({@code leaseId}, {@code extendBy}), {@code release} ({@code leaseId}) or
 * {@code cancel} ({@code targetRequestId}). The ids it names are requestIds, checked by the same rule.
 */
final class ControlRequestReader {

    private static final String ID_RULE = "use 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter"
            + " or digit: it is the requestId of the request it addresses.";

    private ControlRequestReader() {
    }

    /** @return null when a field is missing or wrong (then the problems say which) */
    static ControlRequest read(ObjectFields top, Action action, String requestId, String correlationId) {
        return switch (action) {
            case RENEW -> {
                String leaseId = id(top, "leaseId");
                Duration extendBy = top.duration("extendBy", OptionsReader.MAX_LEASE);
                if (extendBy == null && !top.has("extendBy")) {
                    top.value("extendBy", true);
                }
                yield complete(requestId, correlationId, leaseId) && extendBy != null
                        ? new ControlRequest.RenewLease(requestId, correlationId, leaseId, extendBy) : null;
            }
            case RELEASE -> {
                String leaseId = id(top, "leaseId");
                yield complete(requestId, correlationId, leaseId)
                        ? new ControlRequest.ReleaseLease(requestId, correlationId, leaseId) : null;
            }
            case CANCEL -> {
                String target = id(top, "targetRequestId");
                yield complete(requestId, correlationId, target)
                        ? new ControlRequest.CancelRequest(requestId, correlationId, target) : null;
            }
            default -> throw new IllegalArgumentException(action + " is not a control action");
        };
    }

    private static String id(ObjectFields top, String name) {
        if (!top.has(name)) {
            top.value(name, true);
            return null;
        }
        return top.string(name, true, RequestParser.REQUEST_ID, ReasonCode.INVALID_REQUEST_ID, ID_RULE);
    }

    private static boolean complete(String... values) {
        for (String value : values) {
            if (value == null) {
                return false;
            }
        }
        return true;
    }
}
