package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.engine.Session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The links of one connection and what each one is for, decided on attach from its address and direction:
 * <ul>
 *   <li>client sends to {@code $cbs} or {@code <entity>/$management}: a {@link RequestLink};</li>
 *   <li>client receives from {@code $cbs} or {@code <entity>/$management}: a {@link ReplyLink}, found again by the
 *       reply-to of the requests (see {@link #replyLink(String)});</li>
 *   <li>client sends to a queue or topic: an {@link InboundMessageLink};</li>
 *   <li>client receives from a queue, subscription or dead-letter queue: an {@link OutboundMessageLink}.</li>
 * </ul>
 * With a configured key, entity and management links need a token granted on {@code $cbs} first.
 * Used on the connection's thread only.
 */
final class ConnectionLinks {

    private static final System.Logger LOG = System.getLogger(ConnectionLinks.class.getName());

    private final AmqpConnection connection;
    private final Namespace namespace;
    private final ClaimsBasedSecurityNode claimsBasedSecurity;
    private final Map<Link, LinkEndpoint> endpoints = new HashMap<>();
    private final List<ReplyLink> replyLinks = new ArrayList<>();
    private boolean authorized;

    ConnectionLinks(AmqpConnection connection, Namespace namespace,
            Optional<ServiceBusEmulatorConfig.SharedAccessKey> key) {
        this.connection = connection;
        this.namespace = namespace;
        this.claimsBasedSecurity = new ClaimsBasedSecurityNode(key, () -> authorized = true);
    }

    void open(Link link) {
        if (link.getLocalState() != EndpointState.UNINITIALIZED) {
            return;
        }
        try {
            if (link instanceof Receiver receiver) {
                openReceiver(receiver);
            } else {
                openSender((Sender) link);
            }
        } catch (BrokerException e) {
            endpoints.remove(link);
            LinkEndpoint.refuse(link, e);
        }
    }

    private void openReceiver(Receiver receiver) {
        String address = receiver.getRemoteTarget() == null ? null : receiver.getRemoteTarget().getAddress();
        if (ClaimsBasedSecurityNode.ADDRESS.equals(address)) {
            RequestLink link = new RequestLink(receiver, claimsBasedSecurity, this);
            endpoints.put(receiver, link);
            link.open();
            return;
        }
        EntityAddress entity = EntityAddress.parse(address);
        requireAuthorization(entity);
        if (entity.management()) {
            RequestLink link = new RequestLink(receiver, new ManagementNode(namespace, entity), this);
            endpoints.put(receiver, link);
            link.open();
        } else {
            InboundMessageLink link = new InboundMessageLink(receiver, namespace, entity);
            endpoints.put(receiver, link);
            link.open();
        }
    }

    private void openSender(Sender sender) {
        String address = sender.getRemoteSource() == null ? null : sender.getRemoteSource().getAddress();
        boolean cbs = ClaimsBasedSecurityNode.ADDRESS.equals(address);
        EntityAddress entity = cbs ? null : EntityAddress.parse(address);
        if (cbs || entity.management()) {
            ReplyLink link = new ReplyLink(sender, this);
            endpoints.put(sender, link);
            replyLinks.add(link);
            link.open();
            return;
        }
        requireAuthorization(entity);
        OutboundMessageLink link = new OutboundMessageLink(sender, connection, namespace, entity);
        endpoints.put(sender, link);
        link.open();
    }

    private void requireAuthorization(EntityAddress entity) {
        if (claimsBasedSecurity.requiresToken() && !authorized) {
            throw BrokerError.UNAUTHORIZED.exception("put a valid token on $cbs before attaching to '"
                    + entity + "'");
        }
    }

    /**
     * The reply link a request's reply-to names: the one whose target address it is (what Service Bus documents:
     * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-amqp-request-response, "Create link for
     * receiving responses"), else the one whose link name it is. Service Bus accepts both: @azure/core-amqp
     * 4.x ({@code cbs.ts}: "CBS replyTo - The receiver link name that the service should reply to") attaches its
     * {@code $cbs} reply link with a name and no target address, and so does the AMQP.NET Lite sample in
     * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas ("Use the shared access signature
     * at AMQP level"), whose reply-to is the receiver link's name.
     */
    ReplyLink replyLink(String replyTo) {
        if (replyTo == null) {
            return null;
        }
        for (ReplyLink link : replyLinks) {
            if (replyTo.equals(link.address())) {
                return link;
            }
        }
        for (ReplyLink link : replyLinks) {
            if (replyTo.equals(link.name())) {
                return link;
            }
        }
        return null;
    }

    void forgetReplyLink(ReplyLink link) {
        replyLinks.remove(link);
    }

    void flow(Link link) {
        LinkEndpoint endpoint = endpoints.get(link);
        if (endpoint != null) {
            endpoint.onFlow();
        }
    }

    void delivery(Delivery delivery) {
        LinkEndpoint endpoint = endpoints.get(delivery.getLink());
        if (endpoint != null) {
            endpoint.onDelivery(delivery);
        }
    }

    /** The peer detached the link: release what it held and detach our end. */
    void close(Link link) {
        LinkEndpoint endpoint = endpoints.remove(link);
        if (endpoint != null) {
            endpoint.onClose();
        }
        if (link.getLocalState() != EndpointState.CLOSED) {
            link.close();
        }
    }

    void closeAllOf(Session session) {
        for (Link link : new ArrayList<>(endpoints.keySet())) {
            if (link.getSession() == session) {
                close(link);
            }
        }
    }

    /** The connection is gone: release what every link held (session locks, broker listeners). */
    void releaseAll() {
        List<LinkEndpoint> open = new ArrayList<>(endpoints.values());
        endpoints.clear();
        replyLinks.clear();
        for (LinkEndpoint endpoint : open) {
            try {
                endpoint.onClose();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not release a link of a closed connection", e);
            }
        }
    }
}
