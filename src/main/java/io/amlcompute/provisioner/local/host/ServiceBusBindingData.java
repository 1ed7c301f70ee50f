package io.amlcompute.provisioner.local.host;

import com.azure.core.amqp.models.AmqpAnnotatedMessage;
import com.azure.core.amqp.models.AmqpMessageBodyType;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the Service Bus extension (Microsoft.Azure.WebJobs.Extensions.ServiceBus 5.x on Azure.Messaging.ServiceBus)
 * hands the Functions host for one message of a single-message trigger: the body bound as a string, and the
 * binding data. Sources (Azure/azure-sdk-for-net):
 * <ul>
 *   <li>{@code sdk/servicebus/Microsoft.Azure.WebJobs.Extensions.ServiceBus/src/Triggers/MessageToStringConverter.cs}
 *       (@630b882a3431da104a5d565bdc0658dad83e6ce3): a data body decoded as strict UTF-8 (bytes that are not UTF-8
 *       fall back to a DataContract string, then to a lenient decoding); an AMQP value body only when the value is
 *       a string; any other value, and a sequence body, fail the binding with NotSupportedException, so the
 *       function never runs and the message goes back to the queue.</li>
 *   <li>{@code .../src/Triggers/ServiceBusTriggerBindingStrategy.cs} (GetBindingData, AddBindingData; 5.x text read
 *       from weikanglim/azure-sdk-for-net@a4a271789918cc7e85d2e977589c702ae3ad0956, the same body as the Azure
 *       repository's): the keys below. A property the message lacks is a null value: the host then leaves the key
 *       out (see {@link HostRpcValues}).</li>
 *   <li>{@code sdk/servicebus/Azure.Messaging.ServiceBus/src/Amqp/AmqpMessageConverter.cs}
 *       (@00761e74eee88ec86815f76a7fdc501d6bd1c5ef): DeliveryCount is the AMQP header's count + 1, so 1 on the first
 *       delivery.</li>
 * </ul>
 */
final class ServiceBusBindingData {

    /** {@code DateTimeOffset.MaxValue}: ExpiresAt of a message whose time to live is unlimited. */
    private static final OffsetDateTime MAX_VALUE = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_900,
            ZoneOffset.UTC);

    private ServiceBusBindingData() {
    }

    /**
     * The body as the extension binds it to a string parameter.
     *
     * @throws BindingFailedException when the extension cannot bind this body to a string
     */
    static String bodyAsString(ServiceBusReceivedMessage message) {
        AmqpAnnotatedMessage raw = message.getRawAmqpMessage();
        AmqpMessageBodyType type = raw.getBody().getBodyType();
        if (type == AmqpMessageBodyType.DATA) {
            return decodeData(raw.getBody().getFirstData());
        }
        if (type == AmqpMessageBodyType.VALUE) {
            Object value = raw.getBody().getValue();
            if (value instanceof String text) {
                return text;
            }
            throw new BindingFailedException("NotSupportedException: A message with a value type of "
                    + (value == null ? "null" : value.getClass().getName()) + " cannot be bound to a string.");
        }
        throw new BindingFailedException("NotSupportedException: A sequence body message cannot be bound to a string.");
    }

    private static String decodeData(byte[] body) {
        if (body == null) {
            return "";
        }
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return text.toString();
        } catch (CharacterCodingException e) {
            // .NET next tries a DataContract-serialized string: binary XML, which starts with an element record.
            if (body.length > 0 && (body[0] & 0xFF) >= 0x40 && (body[0] & 0xFF) <= 0x77) {
                throw new BindingFailedException("the local host does not model the Service Bus extension's"
                        + " DataContract string fallback for a body that is not UTF-8");
            }
            return new String(body, StandardCharsets.UTF_8); // BinaryData.ToString(): replacement characters
        }
    }

    /** The binding data, case-insensitive as the host's dictionary; null values for what the message lacks. */
    static Map<String, Object> bindingData(ServiceBusReceivedMessage message) {
        Map<String, Object> data = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        // The message's settlement objects: present for every message; their JSON is not modelled in detail.
        DotNetValue.Opaque actions = new DotNetValue.Opaque("{}");
        data.put("MessageReceiver", actions);
        data.put("MessageSession", actions);
        data.put("MessageActions", actions);
        data.put("SessionActions", actions);
        data.put("ReceiveActions", new DotNetValue.Opaque("{}"));
        data.put("Client", new DotNetValue.Opaque("{}"));
        data.put("DeliveryCount", (int) message.getDeliveryCount() + 1);
        data.put("DeadLetterSource", message.getDeadLetterSource());
        data.put("LockToken", message.getLockToken());
        OffsetDateTime enqueued = message.getEnqueuedTime() == null ? OffsetDateTime.MIN : message.getEnqueuedTime();
        OffsetDateTime expires = expiresAt(message, enqueued);
        data.put("ExpiresAtUtc", new DotNetValue.DateTime(expires.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(),
                DotNetValue.DateTime.Kind.UNSPECIFIED));
        data.put("ExpiresAt", new DotNetValue.DateTimeOffset(expires));
        data.put("EnqueuedTimeUtc", new DotNetValue.DateTime(
                enqueued.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), DotNetValue.DateTime.Kind.UNSPECIFIED));
        data.put("EnqueuedTime", new DotNetValue.DateTimeOffset(enqueued));
        data.put("MessageId", message.getMessageId());
        data.put("ContentType", message.getContentType());
        data.put("ReplyTo", message.getReplyTo());
        data.put("SequenceNumber", message.getSequenceNumber());
        data.put("To", message.getTo());
        data.put("Label", message.getSubject());
        data.put("Subject", message.getSubject());
        data.put("CorrelationId", message.getCorrelationId());
        Map<String, Object> properties = applicationProperties(message);
        data.put("UserProperties", properties);
        data.put("ApplicationProperties", properties);
        data.put("SessionId", message.getSessionId());
        data.put("ReplyToSessionId", message.getReplyToSessionId());
        data.put("PartitionKey", message.getPartitionKey());
        Object viaPartitionKey = message.getRawAmqpMessage().getMessageAnnotations().get("x-opt-via-partition-key");
        data.put("TransactionPartitionKey", viaPartitionKey == null ? null : viaPartitionKey.toString());
        return data;
    }

    /**
     * AbsoluteExpiryTime when set, else EnqueuedTime + the header's TTL; a message without a TTL counts as living
     * forever (an unset TTL is TimeSpan.MaxValue: {@code AmqpMessageExtensions.GetTimeToLive}), which gives
     * DateTimeOffset.MaxValue. Read from the AMQP message, not the Java client's getExpiresAt(), which differs.
     */
    private static OffsetDateTime expiresAt(ServiceBusReceivedMessage message, OffsetDateTime enqueued) {
        AmqpAnnotatedMessage raw = message.getRawAmqpMessage();
        if (raw.getProperties().getAbsoluteExpiryTime() != null) {
            return raw.getProperties().getAbsoluteExpiryTime();
        }
        // The Java client reports an absent header TTL as zero; Service Bus has no zero TTL.
        if (raw.getHeader().getTimeToLive() == null || raw.getHeader().getTimeToLive().isZero()) {
            return MAX_VALUE;
        }
        return enqueued.plus(raw.getHeader().getTimeToLive());
    }

    /**
     * Application properties as .NET values: AMQP timestamps become DateTime (UTC), uuids Guid, binary byte arrays;
     * an AMQP type the model does not know fails loudly.
     */
    private static Map<String, Object> applicationProperties(ServiceBusReceivedMessage message) {
        Map<String, Object> properties = new LinkedHashMap<>();
        message.getApplicationProperties().forEach((name, value) -> properties.put(name, dotNetValue(name, value)));
        return properties;
    }

    private static Object dotNetValue(String name, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof UUID || value instanceof byte[]) {
            return value;
        }
        Instant instant = value instanceof Date date ? date.toInstant()
                : value instanceof OffsetDateTime time ? time.toInstant()
                : value instanceof Instant i ? i : null;
        if (instant != null) {
            return new DotNetValue.DateTime(instant.atOffset(ZoneOffset.UTC).toLocalDateTime(), DotNetValue.DateTime.Kind.UTC);
        }
        throw new BindingFailedException("the local host does not model application property '" + name + "' of type "
                + value.getClass().getName());
    }

    /** The extension could not bind the message: the function does not run and the message is abandoned. */
    static final class BindingFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BindingFailedException(String message) {
            super(message);
        }
    }
}
