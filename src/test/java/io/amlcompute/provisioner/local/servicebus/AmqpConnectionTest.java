package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Transport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection-level behaviour seen from a bare proton-j client engine, for what the official client cannot show in
 * a test: its idle timeout is 60 s, and it only ever offers SASL ANONYMOUS.
 */
class AmqpConnectionTest {

    private static final int CLIENT_IDLE_TIMEOUT_MILLIS = 1_000;

    @Test
    void sendsEmptyFramesWithinTheIdleTimeoutTheClientAdvertises() throws IOException {
        try (ServiceBusEmulator emulator = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder().build());
             SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", emulator.port()))) {
            socket.configureBlocking(false);
            Transport transport = Transport.Factory.create();
            transport.setIdleTimeout(CLIENT_IDLE_TIMEOUT_MILLIS);
            Sasl sasl = transport.sasl();
            sasl.client();
            sasl.setMechanisms("ANONYMOUS");
            openConnection(transport, socket);
            long framesAfterOpen = transport.getFramesInput();

            // Three idle timeouts in which the probe sends nothing: proton-j closes the transport with
            // "local-idle-timeout expired" unless the emulator keeps sending empty frames.
            await().during(Duration.ofMillis(3 * CLIENT_IDLE_TIMEOUT_MILLIS)).atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        pump(transport, socket);
                        return transport.getCondition() == null;
                    });

            assertThat(transport.getCondition()).isNull();
            assertThat(transport.getFramesInput() - framesAfterOpen).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void acceptsSaslPlainForClientsThatOfferIt() throws IOException {
        try (ServiceBusEmulator emulator = ServiceBusEmulator.start(ServiceBusEmulatorConfig.builder().build());
             SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", emulator.port()))) {
            socket.configureBlocking(false);
            Transport transport = Transport.Factory.create();
            Sasl sasl = transport.sasl();
            sasl.plain("someone", "anything");

            openConnection(transport, socket);

            assertThat(sasl.getOutcome()).isEqualTo(Sasl.SaslOutcome.PN_SASL_OK);
        }
    }

    private static void openConnection(Transport transport, SocketChannel socket) {
        Connection connection = Connection.Factory.create();
        connection.setContainer("probe");
        connection.setHostname("127.0.0.1");
        transport.bind(connection);
        connection.open();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
            pump(transport, socket);
            return connection.getRemoteState() == EndpointState.ACTIVE;
        });
    }

    private static void pump(Transport transport, SocketChannel socket) {
        try {
            while (transport.pending() > 0) {
                ByteBuffer head = transport.head();
                int written = socket.write(head);
                transport.pop(written);
                if (written == 0) {
                    break;
                }
            }
            ByteBuffer input = ByteBuffer.allocate(4096);
            int read = socket.read(input);
            if (read > 0 && transport.capacity() > 0) {
                input.flip();
                transport.tail().put(input);
                transport.process();
            }
            transport.tick(System.nanoTime() / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
