package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;

import java.io.ByteArrayOutputStream;

/**
 * What the emulator does with one AMQP link. Called on the owning connection's thread only, which is the only
 * thread that touches proton-j objects of that connection.
 */
sealed interface LinkEndpoint permits InboundMessageLink, OutboundMessageLink, RequestLink, ReplyLink {

    /** The peer granted credit (or asked to drain). */
    default void onFlow() {
    }

    /** A transfer arrived, or the peer changed the state of one of ours. */
    void onDelivery(Delivery delivery);

    /** The link is gone (detached by the peer, or its connection was lost): let go of what it held. */
    void onClose();

    /**
     * Refuses an attach the AMQP way: attach back without the terminus the peer asked for, then detach with the
     * error, which the client reports with the matching {@code ServiceBusFailureReason}.
     */
    static void refuse(Link link, BrokerException error) {
        if (link instanceof Sender) {
            link.setSource(null);
            link.setTarget(link.getRemoteTarget());
        } else {
            link.setSource(link.getRemoteSource());
            link.setTarget(null);
        }
        link.open();
        link.setCondition(new ErrorCondition(error.error().condition(), error.getMessage()));
        link.close();
    }

    static Rejected rejected(BrokerException error) {
        Rejected rejected = new Rejected();
        rejected.setError(new ErrorCondition(error.error().condition(), error.getMessage()));
        return rejected;
    }

    /** The bytes of a complete incoming transfer. */
    static byte[] read(Receiver receiver) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = receiver.recv(chunk, 0, chunk.length)) > 0) {
            bytes.write(chunk, 0, read);
        }
        return bytes.toByteArray();
    }
}
