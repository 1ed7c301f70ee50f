package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.UnsignedLong;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;

import java.util.List;

/**
 * A client's send link to a queue or topic. Each transfer (one message, or a batch in format
 * {@link AmqpMessages#BATCH_FORMAT}) is applied to the namespace, answered {@code Accepted} or {@code Rejected}
 * with the broker's error, and settled.
 */
final class InboundMessageLink implements LinkEndpoint {

    private static final System.Logger LOG = System.getLogger(InboundMessageLink.class.getName());

    /** Service Bus Standard's limit; the client sizes batches by it, and 0 (unset) would fail every send. */
    static final long MAX_MESSAGE_SIZE = 256 * 1024;
    private static final int CREDIT = 100;

    private final Receiver receiver;
    private final Namespace namespace;
    private final EntityAddress address;

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
        if (delivery.isAborted()) {
            delivery.settle();
            receiver.flow(1);
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

    @Override
    public void onClose() {
    }
}
