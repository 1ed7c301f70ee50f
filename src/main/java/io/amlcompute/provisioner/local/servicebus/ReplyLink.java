package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.transport.SenderSettleMode;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Sender;

import java.nio.ByteBuffer;

/**
 * The link a request-response client ({@code $cbs}, {@code $management}) receives its answers on. The reply-to of
 * the client's requests is its target address or, when the client set none, its link name.
 */
final class ReplyLink implements LinkEndpoint {

    private final Sender sender;
    private final ConnectionLinks links;
    private long nextTag;

    ReplyLink(Sender sender, ConnectionLinks links) {
        this.sender = sender;
        this.links = links;
    }

    String name() {
        return sender.getName();
    }

    String address() {
        return sender.getRemoteTarget() == null ? null : sender.getRemoteTarget().getAddress();
    }

    void open() {
        sender.setSource(sender.getRemoteSource());
        sender.setTarget(sender.getRemoteTarget());
        sender.setSenderSettleMode(sender.getRemoteSenderSettleMode());
        sender.setReceiverSettleMode(sender.getRemoteReceiverSettleMode());
        sender.open();
    }

    void send(byte[] response) {
        Delivery delivery = sender.delivery(ByteBuffer.allocate(Long.BYTES).putLong(nextTag++).array());
        sender.send(response, 0, response.length);
        sender.advance();
        if (sender.getSenderSettleMode() == SenderSettleMode.SETTLED) {
            delivery.settle();
        }
    }

    @Override
    public void onDelivery(Delivery delivery) {
        if (delivery.remotelySettled() || delivery.getRemoteState() != null) {
            delivery.settle();
        }
    }

    @Override
    public void onClose() {
        links.forgetReplyLink(this);
    }
}
