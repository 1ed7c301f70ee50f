package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.message.Message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code <entity>/$management} node: the operations the client performs outside the receive link. Each
 * request names its {@code operation} in an application property and carries an {@code AmqpValue} map; each
 * response carries {@code statusCode} and, on failure, {@code errorCondition} (which the client maps to a
 * {@code ServiceBusFailureReason}). Array-valued answers are boxed ({@code Long[]}, {@code Date[]}): proton-j
 * encodes those as AMQP arrays, which the client decodes back into {@code long[]} and {@code Date[]}.
 */
final class ManagementNode implements RequestResponseNode {

    static final String PREFIX = "com.microsoft:";

    private final Namespace namespace;
    private final EntityAddress address;

    ManagementNode(Namespace namespace, EntityAddress address) {
        this.namespace = namespace;
        this.address = address;
    }

    @Override
    public Message respond(Message request) {
        Object operation = RequestResponseNode.applicationProperty(request, "operation");
        Map<String, Object> body = requestBody(request);
        try {
            return switch (String.valueOf(operation)) {
                case PREFIX + "renew-lock" -> renewLock(body);
                case PREFIX + "peek-message" -> peek(body);
                case PREFIX + "schedule-message" -> schedule(body);
                case PREFIX + "cancel-scheduled-message" -> cancelScheduled(body);
                case PREFIX + "update-disposition" -> updateDisposition(body);
                case PREFIX + "receive-by-sequence-number" -> receiveBySequenceNumber(body);
                case PREFIX + "renew-session-lock" -> renewSessionLock(body);
                case PREFIX + "get-session-state" -> getSessionState(body);
                case PREFIX + "set-session-state" -> setSessionState(body);
                default -> RequestResponseNode.errorResponse(BrokerError.NOT_IMPLEMENTED.exception(
                        "the emulator does not implement management operation '" + operation + "'"));
            };
        } catch (BrokerException e) {
            return RequestResponseNode.errorResponse(e);
        } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
            return RequestResponseNode.errorResponse(BrokerError.INVALID_REQUEST.exception(
                    "malformed " + operation + " request: " + e.getMessage()));
        }
    }

    private Message renewLock(Map<String, Object> body) {
        List<UUID> tokens = lockTokens(body);
        Date[] expirations = namespace.transact(now -> {
            MessageStore store = namespace.receiveStore(address);
            return tokens.stream().map(token -> Date.from(store.renewLock(token, now))).toArray(Date[]::new);
        });
        return ok(Map.of("expirations", expirations));
    }

    private Message peek(Map<String, Object> body) {
        long from = ((Number) body.get("from-sequence-number")).longValue();
        int count = ((Number) body.get("message-count")).intValue();
        String sessionId = (String) body.get("session-id");
        List<DeliveredMessage> messages = namespace.transact(now ->
                namespace.receiveStore(address).peek(from, count, sessionId));
        if (messages.isEmpty()) {
            return RequestResponseNode.response(204, "No messages to peek", null);
        }
        return ok(Map.of("messages", encoded(messages)));
    }

    private Message schedule(Map<String, Object> body) {
        List<byte[]> messages = new ArrayList<>();
        for (Object entry : (List<?>) body.get("messages")) {
            messages.add(bytes((Binary) ((Map<?, ?>) entry).get("message")));
        }
        List<Long> sequenceNumbers = namespace.transact(now -> namespace.send(address, messages, now));
        return ok(Map.of("sequence-numbers", sequenceNumbers.toArray(Long[]::new)));
    }

    private Message cancelScheduled(Map<String, Object> body) {
        List<Long> sequenceNumbers = sequenceNumbers(body.get("sequence-numbers"));
        namespace.transact(now -> {
            SendTarget target = namespace.sendTarget(address);
            sequenceNumbers.forEach(target::cancelScheduled);
            return null;
        });
        return ok(Map.of());
    }

    private Message updateDisposition(Map<String, Object> body) {
        List<UUID> tokens = lockTokens(body);
        Settlement settlement = settlement(body);
        namespace.transact(now -> {
            MessageStore store = namespace.receiveStore(address);
            tokens.forEach(token -> store.settle(token, settlement, now));
            return null;
        });
        return ok(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Settlement settlement(Map<String, Object> body) {
        Map<String, Object> properties = (Map<String, Object>) body.get("properties-to-modify");
        String status = (String) body.get("disposition-status");
        return switch (status) {
            case "completed" -> new Settlement.Complete();
            case "abandoned" -> new Settlement.Abandon(properties);
            case "defered", "deferred" -> new Settlement.Defer(properties); // the client spells it "defered"
            case "suspended" -> new Settlement.DeadLetter((String) body.get("deadletter-reason"),
                    (String) body.get("deadletter-description"), properties);
            case "released" -> new Settlement.Release();
            default -> throw new IllegalArgumentException("unknown disposition-status '" + status + "'");
        };
    }

    private Message receiveBySequenceNumber(Map<String, Object> body) {
        List<Long> sequenceNumbers = sequenceNumbers(body.get("sequence-numbers"));
        // receiver-settle-mode 0 = receive-and-delete, 1 = peek-lock
        boolean peekLock = ((Number) body.getOrDefault("receiver-settle-mode", 1)).intValue() != 0;
        String sessionId = (String) body.get("session-id");
        List<DeliveredMessage> messages = namespace.transact(now ->
                namespace.receiveStore(address).receiveDeferred(sequenceNumbers, peekLock, sessionId, now));
        return ok(Map.of("messages", encoded(messages)));
    }

    private Message renewSessionLock(Map<String, Object> body) {
        String sessionId = requiredSessionId(body);
        Date expiration = namespace.transact(now ->
                Date.from(namespace.receiveStore(address).renewSessionLock(sessionId, now)));
        return ok(Map.of("expiration", expiration));
    }

    private Message getSessionState(Map<String, Object> body) {
        String sessionId = requiredSessionId(body);
        byte[] state = namespace.transact(now -> namespace.receiveStore(address).sessionState(sessionId));
        Map<String, Object> answer = new HashMap<>();
        answer.put("session-state", state == null ? null : new Binary(state));
        return ok(answer);
    }

    private Message setSessionState(Map<String, Object> body) {
        String sessionId = requiredSessionId(body);
        Object state = body.get("session-state");
        byte[] bytes = state == null ? null : bytes((Binary) state);
        namespace.transact(now -> {
            namespace.receiveStore(address).setSessionState(sessionId, bytes);
            return null;
        });
        return ok(Map.of());
    }

    private static List<Map<String, Object>> encoded(List<DeliveredMessage> messages) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (DeliveredMessage message : messages) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("message", new Binary(AmqpMessages.render(message)));
            if (message.lockToken() != null) {
                entry.put("lock-token", message.lockToken());
            }
            entries.add(entry);
        }
        return entries;
    }

    private static Message ok(Map<String, Object> body) {
        return RequestResponseNode.response(200, "OK", body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requestBody(Message request) {
        if (request.getBody() instanceof AmqpValue value && value.getValue() instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        return Map.of();
    }

    private static String requiredSessionId(Map<String, Object> body) {
        Object sessionId = body.get("session-id");
        if (!(sessionId instanceof String text) || text.isEmpty()) {
            throw new IllegalArgumentException("session-id is required");
        }
        return text;
    }

    private static List<UUID> lockTokens(Map<String, Object> body) {
        List<UUID> tokens = new ArrayList<>();
        for (Object token : (Object[]) body.get("lock-tokens")) {
            tokens.add((UUID) token);
        }
        return tokens;
    }

    /** An AMQP array of longs decodes as {@code long[]}; tolerate boxed arrays and lists too. */
    private static List<Long> sequenceNumbers(Object value) {
        List<Long> numbers = new ArrayList<>();
        if (value instanceof long[] primitive) {
            for (long number : primitive) {
                numbers.add(number);
            }
        } else if (value instanceof Object[] boxed) {
            for (Object number : boxed) {
                numbers.add(((Number) number).longValue());
            }
        } else if (value instanceof List<?> list) {
            list.forEach(number -> numbers.add(((Number) number).longValue()));
        } else {
            throw new IllegalArgumentException("sequence-numbers must be an array of longs");
        }
        return numbers;
    }

    private static byte[] bytes(Binary binary) {
        return Arrays.copyOfRange(binary.getArray(), binary.getArrayOffset(),
                binary.getArrayOffset() + binary.getLength());
    }
}
