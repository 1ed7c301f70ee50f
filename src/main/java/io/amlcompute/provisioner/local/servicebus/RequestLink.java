package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.message.Message;

/** The link a client sends requests to a {@link RequestResponseNode} on. */
final class RequestLink implements LinkEndpoint {

    private static final System.Logger LOG = System.getLogger(RequestLink.class.getName());
    private static final int CREDIT = 100;

    private final Receiver receiver;
    private final RequestResponseNode node;
    private final ConnectionLinks links;

    RequestLink(Receiver receiver, RequestResponseNode node, ConnectionLinks links) {
        this.receiver = receiver;
        this.node = node;
        this.links = links;
    }

    void open() {
        receiver.setSource(receiver.getRemoteSource());
        receiver.setTarget(receiver.getRemoteTarget());
        receiver.setSenderSettleMode(receiver.getRemoteSenderSettleMode());
        receiver.setReceiverSettleMode(receiver.getRemoteReceiverSettleMode());
        receiver.open();
        receiver.flow(CREDIT);
    }

    @Override
    public void onDelivery(Delivery delivery) {
        if (delivery.isPartial() || !delivery.isReadable()) {
            return;
        }
        byte[] bytes = LinkEndpoint.read(receiver);
        receiver.advance();
        delivery.disposition(Accepted.getInstance());
        delivery.settle();
        receiver.flow(1);
        Message request = AmqpMessages.decode(bytes);
        Message response;
        try {
            response = node.respond(request);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a request-response node failed", e);
            response = RequestResponseNode.errorResponse(BrokerError.INTERNAL.exception(
                    "the emulator failed to answer: " + e.getMessage()));
        }
        response.setCorrelationId(request.getMessageId());
        ReplyLink reply = links.replyLink(request.getReplyTo());
        if (reply == null) {
            LOG.log(System.Logger.Level.WARNING, "no reply link for reply-to {0}; the answer is dropped",
                    request.getReplyTo());
            return;
        }
        reply.send(AmqpMessages.encode(response));
    }

    @Override
    public void onClose() {
    }
}
