package io.amlcompute.provisioner.local.durable;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.SocketAddress;

/**
 * Tags every call with the TCP connection it came on (the peer's address and port). The 1.4.0 worker sends a work
 * item's result on the same channel that streamed the item, so the connection tells the dispatcher whether a result
 * comes from the worker that holds the item.
 */
final class CallerConnection implements ServerInterceptor {

    private static final Context.Key<SocketAddress> REMOTE = Context.key("durable-caller-connection");

    /** The calling connection, or a placeholder when the transport did not say. */
    static Object current() {
        SocketAddress remote = REMOTE.get();
        return remote != null ? remote : "unknown-connection";
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return Contexts.interceptCall(Context.current().withValue(REMOTE, remote), call, headers, next);
    }
}
