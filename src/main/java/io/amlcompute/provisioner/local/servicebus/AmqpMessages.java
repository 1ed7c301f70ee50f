package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.message.Message;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Service Bus dialect of AMQP message encoding: batches, lock tokens as delivery tags, .NET ticks, and the
 * broker annotations a received message carries.
 */
final class AmqpMessages {

    /** Transfer format of a batch: one {@code Data} section per encoded message (Service Bus's {@code 0x80013700}). */
    static final int BATCH_FORMAT = 0x80013700;

    static final Symbol SEQUENCE_NUMBER = Symbol.valueOf("x-opt-sequence-number");
    static final Symbol ENQUEUED_TIME = Symbol.valueOf("x-opt-enqueued-time");
    static final Symbol LOCKED_UNTIL = Symbol.valueOf("x-opt-locked-until");
    static final Symbol MESSAGE_STATE = Symbol.valueOf("x-opt-message-state");
    static final String DEAD_LETTER_REASON = "DeadLetterReason";
    static final String DEAD_LETTER_DESCRIPTION = "DeadLetterErrorDescription";

    /** .NET ticks (100 ns since 0001-01-01) at the Unix epoch. */
    private static final long EPOCH_TICKS = 621_355_968_000_000_000L;
    private static final long MAX_HEADER_TTL_MILLIS = 0xFFFF_FFFFL;
    private static final int[] DOT_NET_GUID_ORDER = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};

    private AmqpMessages() {
    }

    static Message decode(byte[] encoded) {
        Message message = Proton.message();
        message.decode(encoded, 0, encoded.length);
        return message;
    }

    static byte[] encode(Message message) {
        int size = 1024;
        while (true) {
            byte[] buffer = new byte[size];
            try {
                int length = message.encode(buffer, 0, buffer.length);
                return Arrays.copyOf(buffer, length);
            } catch (BufferOverflowException e) {
                size *= 4;
            }
        }
    }

    /** The messages of a batch transfer: the envelope's sections are skipped, each {@code Data} section is one. */
    static List<byte[]> unbatch(byte[] payload) {
        DecoderImpl decoder = new DecoderImpl();
        AMQPDefinedTypes.registerAllTypes(decoder, new EncoderImpl(decoder));
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        decoder.setByteBuffer(buffer);
        List<byte[]> messages = new ArrayList<>();
        while (buffer.hasRemaining()) {
            if (decoder.readObject() instanceof Data data) {
                Binary binary = data.getValue();
                messages.add(Arrays.copyOfRange(binary.getArray(), binary.getArrayOffset(),
                        binary.getArrayOffset() + binary.getLength()));
            }
        }
        return messages;
    }

    /** The 16-byte delivery tag the client turns back into the lock token: a GUID in .NET byte order. */
    static byte[] toDotNetBytes(UUID uuid) {
        ByteBuffer javaOrder = ByteBuffer.allocate(16);
        javaOrder.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        byte[] dotNet = new byte[16];
        for (int i = 0; i < 16; i++) {
            dotNet[i] = javaOrder.array()[DOT_NET_GUID_ORDER[i]];
        }
        return dotNet;
    }

    static UUID fromDotNetBytes(byte[] dotNet) {
        byte[] javaOrder = new byte[16];
        for (int i = 0; i < 16; i++) {
            javaOrder[DOT_NET_GUID_ORDER[i]] = dotNet[i];
        }
        ByteBuffer buffer = ByteBuffer.wrap(javaOrder);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** Instants on session links ({@code com.microsoft:locked-until-utc}) travel as .NET ticks. */
    static long toDotNetTicks(Instant instant) {
        return EPOCH_TICKS + instant.getEpochSecond() * 10_000_000L + instant.getNano() / 100;
    }

    /**
     * The message as a receiver gets it: the header's delivery-count and TTL, and the broker annotations
     * (sequence number, enqueued time, lock expiry, state). No {@code x-opt-deadletter-source}: Service Bus sets it
     * only on a message auto-forwarded out of a dead-letter queue ("Only set in messages that have been
     * dead-lettered and subsequently auto-forwarded from the dead-letter queue to another entity",
     * https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.servicebusreceivedmessage.deadlettersource),
     * and the emulator does not auto-forward.
     */
    static byte[] render(DeliveredMessage delivered) {
        StoredMessage stored = delivered.message();
        Message message = decode(stored.encoded());
        Header header = message.getHeader() == null ? new Header() : message.getHeader();
        header.setDeliveryCount(UnsignedInteger.valueOf(stored.deliveryCount()));
        long ttlMillis = Duration.between(stored.enqueuedTime(), stored.expiresAt()).toMillis();
        if (ttlMillis > 0 && ttlMillis <= MAX_HEADER_TTL_MILLIS) {
            header.setTtl(UnsignedInteger.valueOf(ttlMillis));
        }
        message.setHeader(header);
        Map<Symbol, Object> annotations = new HashMap<>();
        if (message.getMessageAnnotations() != null && message.getMessageAnnotations().getValue() != null) {
            annotations.putAll(message.getMessageAnnotations().getValue());
        }
        annotations.put(SEQUENCE_NUMBER, stored.sequenceNumber());
        annotations.put(ENQUEUED_TIME, Date.from(stored.enqueuedTime()));
        if (delivered.lockedUntil() != null) {
            annotations.put(LOCKED_UNTIL, Date.from(delivered.lockedUntil()));
        }
        if (stored.state() != MessageState.ACTIVE) {
            annotations.put(MESSAGE_STATE, stored.state().code());
        }
        message.setMessageAnnotations(new MessageAnnotations(annotations));
        return encode(message);
    }

    /** Re-encodes a message with application properties added or replaced (properties-to-modify, dead-letter). */
    static byte[] withApplicationProperties(byte[] encoded, Map<String, Object> changes) {
        if (changes.isEmpty()) {
            return encoded;
        }
        Message message = decode(encoded);
        Map<String, Object> properties = new HashMap<>();
        if (message.getApplicationProperties() != null && message.getApplicationProperties().getValue() != null) {
            properties.putAll(message.getApplicationProperties().getValue());
        }
        properties.putAll(changes);
        message.setApplicationProperties(new ApplicationProperties(properties));
        return encode(message);
    }
}
