package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;

import java.util.List;

/**
 * A client's send link to a queue or topic. Each transfer (one message, or a batch in format
 * {@link AmqpMessages#BATCH_FORMAT}) is applied to the namespace, answered {@code Accepted} or {@code Rejected}
 * with the broker's error, and settled. A transfer over {@link #MAX_MESSAGE_SIZE} ends the link instead.
 */
final class InboundMessageLink implements LinkEndpoint {

    private static final System.Logger LOG = System.getLogger(InboundMessageLink.class.getName());

    /** Service Bus Standard's limit; the client sizes batches by it, and 0 (unset) would fail every send. */
    static final long MAX_MESSAGE_SIZE = 256 * 1024;
    private static final int CREDIT = 100;
    static final Symbol MESSAGE_SIZE_EXCEEDED = Symbol.valueOf("amqp:link:message-size-exceeded");

    private final Receiver receiver;
    private final Namespace namespace;
    private final EntityAddress address;
    private boolean closed;

    InboundMessageLink(Receiver receiver, Namespace namespace, EntityAddress address) {
        this.receiver = receiver;
        this.namespace = namespace;
        this.address = address;
    }

    void open() {
        namespace.transact(now -> namespace.sendTarget(address));
        receiver.setSource(receiver.getRemoteSource());
        receiver.setTarget(receiver.getRemoteTarget());
        receiver.setSenderSettleMode(receiver.getRemoteSenderSettleMode());
        receiver.setReceiverSettleMode(receiver.getRemoteReceiverSettleMode());
        receiver.setMaxMessageSize(UnsignedLong.valueOf(MAX_MESSAGE_SIZE));
        receiver.open();
        receiver.flow(CREDIT);
    }

    @Override
    public void onDelivery(Delivery delivery) {
        if (closed) {
            return;
        }
        if (delivery.isAborted()) {
            delivery.settle();
            receiver.flow(1);
            return;
        }
        if (delivery.getContext() instanceof Oversize || delivery.pending() > MAX_MESSAGE_SIZE) {
            discardOversize(delivery);
            return;
        }
        if (delivery.isPartial() || !delivery.isReadable()) {
            return;
        }
        byte[] payload = LinkEndpoint.read(receiver);
        receiver.advance();
        DeliveryState outcome;
        try {
            List<byte[]> messages = delivery.getMessageFormat() == AmqpMessages.BATCH_FORMAT
                    ? AmqpMessages.unbatch(payload) : List.of(payload);
            namespace.transact(now -> namespace.send(address, messages, now));
            outcome = Accepted.getInstance();
        } catch (BrokerException e) {
            outcome = LinkEndpoint.rejected(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not take a message sent to " + address, e);
            outcome = LinkEndpoint.rejected(BrokerError.INTERNAL.exception("the emulator could not take the "
                    + "message: " + e.getMessage()));
        }
        delivery.disposition(outcome);
        delivery.settle();
        receiver.flow(1);
    }

    /** The bytes of a transfer over the limit, counted and dropped as they arrive. */
    private static final class Oversize {
        long size;
    }

    /**
     * A transfer larger than the link's max-message-size is refused as Service Bus refuses it: the delivery is
     * settled {@code Rejected} with {@code amqp:link:message-size-exceeded} and "The received message
     * (delivery-id:…, size:… bytes) exceeds the limit (262144 bytes) currently allowed on the link.", then the link
     * is ended with the same error (AMQP 1.0 §2.7.3, max-message-size, and the link error of that name). Seen from
     * Service Bus in Azure/azure-sdk-for-python#37916: the pyamqp client reports that condition and description,
     * which it only does for a Rejected disposition ({@code _pyamqp/client.py} {@code _on_send_complete}), and then
     * its link goes to ERROR. The clients map the condition to their message-too-large error (azure-core-amqp
     * {@code LINK_PAYLOAD_SIZE_EXCEEDED}, @azure/core-amqp {@code MessageTooLargeError} → {@code
     * MessageSizeExceeded}). Nothing is stored; the bytes are dropped as they arrive.
     */
    private void discardOversize(Delivery delivery) {
        Oversize oversize;
        if (delivery.getContext() instanceof Oversize counted) {
            oversize = counted;
        } else {
            oversize = new Oversize();
            delivery.setContext(oversize);
        }
        byte[] scratch = new byte[16 * 1024];
        int read;
        while ((read = receiver.recv(scratch, 0, scratch.length)) > 0) {
            oversize.size += read;
        }
        if (delivery.isPartial()) {
            return;
        }
        receiver.advance();
        ErrorCondition error = new ErrorCondition(MESSAGE_SIZE_EXCEEDED, "The received message (size:"
                + oversize.size + " bytes) exceeds the limit (" + MAX_MESSAGE_SIZE
                + " bytes) currently allowed on the link.");
        Rejected rejected = new Rejected();
        rejected.setError(error);
        delivery.disposition(rejected);
        delivery.settle();
        closed = true;
        receiver.setCondition(error);
        receiver.close();
    }

    @Override
    public void onClose() {
        closed = true;
    }
}
