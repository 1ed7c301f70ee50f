package io.amlcompute.provisioner.local.servicebus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Accepts plain-TCP AMQP 1.0 connections (no TLS, as the client does with {@code UseDevelopmentEmulator=true}). */
final class AmqpServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AmqpServer.class.getName());

    private final ServerSocketChannel server;
    private final Namespace namespace;
    private final Optional<ServiceBusEmulatorConfig.SharedAccessKey> key;
    private final Set<AmqpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private AmqpServer(ServerSocketChannel server, Namespace namespace,
            Optional<ServiceBusEmulatorConfig.SharedAccessKey> key) {
        this.server = server;
        this.namespace = namespace;
        this.key = key;
        this.acceptor = new Thread(this::acceptUntilClosed, "sb-emulator-acceptor");
        this.acceptor.setDaemon(true);
    }

    static AmqpServer start(String host, int port, Namespace namespace,
            Optional<ServiceBusEmulatorConfig.SharedAccessKey> key) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        AmqpServer amqpServer = new AmqpServer(server, namespace, key);
        amqpServer.acceptor.start();
        return amqpServer;
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void acceptUntilClosed() {
        while (server.isOpen()) {
            try {
                SocketChannel socket = server.accept();
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
                AmqpConnection[] connection = new AmqpConnection[1];
                connection[0] = new AmqpConnection(socket, namespace, key, () -> connections.remove(connection[0]));
                connections.add(connection[0]);
                connection[0].start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accepting a connection failed", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AmqpConnection connection : List.copyOf(connections)) {
            connection.close();
        }
    }
}
