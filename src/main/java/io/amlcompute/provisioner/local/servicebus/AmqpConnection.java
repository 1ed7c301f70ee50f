package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.transport.ConnectionError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.SaslListener;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection: a socket, a proton-j transport and the links on it. A reader thread only reads bytes;
 * everything that touches proton-j runs on the connection's own single thread, in order: input, broker wake-ups,
 * timers and the heartbeat tick (proton-j sends the empty frames the client's 60 s idle timeout needs).
 */
final class AmqpConnection {

    private static final System.Logger LOG = System.getLogger(AmqpConnection.class.getName());
    private static final int MAX_FRAME_SIZE = 65_536;
    private static final int IDLE_TIMEOUT_MILLIS = 120_000;
    private static final int SESSION_INCOMING_CAPACITY = 16 * 1024 * 1024;
    private static final long MAX_TICK_MILLIS = 1_000;
    private static final long MIN_TICK_MILLIS = 10;

    private final SocketChannel socket;
    private final Runnable onClosed;
    private final ScheduledExecutorService loop;
    private final Transport transport = Transport.Factory.create();
    private final Connection connection = Connection.Factory.create();
    private final Collector collector = Collector.Factory.create();
    private final ConnectionLinks links;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ScheduledFuture<?> nextTick;
    private long nextTickDue;

    AmqpConnection(SocketChannel socket, Namespace namespace,
            Optional<ServiceBusEmulatorConfig.SharedAccessKey> key, Runnable onClosed) {
        this.socket = socket;
        this.onClosed = onClosed;
        this.links = new ConnectionLinks(this, namespace, key);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable ->
                daemon(runnable, "sb-emulator-connection-" + socket.socket().getPort()));
        // A closed connection must not linger until its next heartbeat tick is due.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        this.loop = executor;
    }

    void start() {
        transport.setMaxFrameSize(MAX_FRAME_SIZE);
        transport.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        Sasl sasl = transport.sasl();
        sasl.server();
        // The Java client offers ANONYMOUS (the SAS token travels over $cbs); PLAIN is accepted for other clients.
        sasl.setMechanisms("ANONYMOUS", "PLAIN");
        sasl.setListener(new AcceptingSasl());
        transport.bind(connection);
        connection.collect(collector);
        execute(() -> { });
        daemon(this::readUntilClosed, "sb-emulator-reader-" + socket.socket().getPort()).start();
    }

    /** Runs a task on the connection's thread, then processes what it caused and writes the output. */
    void execute(Runnable task) {
        try {
            loop.execute(() -> run(task));
        } catch (RejectedExecutionException e) {
            // the connection is gone; nothing to do
        }
    }

    /** Runs a task on the connection's thread later; only called from that thread while the connection is open. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return loop.schedule(() -> run(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Lets proton-j send an empty frame when the peer's idle timeout needs one (and notice a silent peer), and
     * makes sure the next tick comes no later than the deadline proton-j names, and at least once a second.
     * Runs after every task, so a deadline learnt from the peer's Open is honoured at once.
     */
    private void tick() {
        if (closed.get()) {
            return;
        }
        long now = System.nanoTime() / 1_000_000;
        long deadline = transport.tick(now);
        long delay = deadline == 0 ? MAX_TICK_MILLIS
                : Math.max(MIN_TICK_MILLIS, Math.min(MAX_TICK_MILLIS, deadline - now));
        long due = now + delay;
        if (nextTick == null || nextTickDue <= now || due < nextTickDue) {
            if (nextTick != null) {
                nextTick.cancel(false);
            }
            nextTickDue = due;
            nextTick = loop.schedule(() -> run(() -> { }), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Closes the connection from the server side (the emulator stops): a Close frame, then the socket. */
    void close() {
        execute(() -> {
            connection.setCondition(new ErrorCondition(ConnectionError.CONNECTION_FORCED,
                    "the Service Bus emulator is stopping"));
            connection.close();
        });
        execute(this::shutdown);
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Runnable task) {
        if (closed.get()) {
            return;
        }
        try {
            task.run();
            processEvents();
            tick();
            flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection lost: {0}", e.toString());
            shutdown();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing an AMQP connection after an unexpected error", e);
            shutdown();
        }
    }

    private void readUntilClosed() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_FRAME_SIZE);
        try {
            while (socket.read(buffer) >= 0) {
                buffer.flip();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                buffer.clear();
                execute(() -> input(bytes));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "read failed: {0}", e.toString());
        }
        execute(() -> {
            transport.close_tail();
            shutdown();
        });
    }

    private void input(byte[] bytes) {
        int offset = 0;
        while (offset < bytes.length) {
            int capacity = transport.capacity();
            if (capacity <= 0) {
                shutdown();
                return;
            }
            int length = Math.min(capacity, bytes.length - offset);
            transport.tail().put(bytes, offset, length);
            transport.process();
            offset += length;
            processEvents();
        }
    }

    private void flush() throws IOException {
        while (!closed.get()) {
            int pending = transport.pending();
            if (pending < 0) {
                shutdown();
                return;
            }
            if (pending == 0) {
                return;
            }
            ByteBuffer head = transport.head();
            int written = 0;
            while (head.hasRemaining()) {
                written += socket.write(head);
            }
            transport.pop(written);
        }
    }

    private void processEvents() {
        for (Event event = collector.peek(); event != null; event = collector.peek()) {
            try {
                handle(event);
            } finally {
                collector.pop();
            }
        }
    }

    private void handle(Event event) {
        switch (event.getType()) {
            case CONNECTION_REMOTE_OPEN -> {
                connection.setContainer("aml-compute-provisioner-servicebus-emulator");
                connection.open();
            }
            case CONNECTION_REMOTE_CLOSE -> connection.close();
            case SESSION_REMOTE_OPEN -> {
                Session session = event.getSession();
                session.setIncomingCapacity(SESSION_INCOMING_CAPACITY);
                session.open();
            }
            case SESSION_REMOTE_CLOSE -> {
                links.closeAllOf(event.getSession());
                event.getSession().close();
            }
            case LINK_REMOTE_OPEN -> links.open(event.getLink());
            case LINK_REMOTE_CLOSE, LINK_REMOTE_DETACH -> links.close(event.getLink());
            case LINK_FLOW -> links.flow(event.getLink());
            case DELIVERY -> links.delivery(event.getDelivery());
            case TRANSPORT_ERROR -> LOG.log(System.Logger.Level.DEBUG, "transport error: {0}",
                    transport.getCondition());
            default -> {
            }
        }
    }

    /** Lets go of everything the connection held (session locks, listeners) and closes the socket. */
    private void shutdown() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        links.releaseAll();
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the socket failed: {0}", e.toString());
        }
        loop.shutdown();
        onClosed.run();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Accepts whichever mechanism the client picked: authentication happens on {@code $cbs}. */
    private static final class AcceptingSasl implements SaslListener {
        @Override
        public void onSaslMechanisms(Sasl sasl, Transport transport) {
        }

        @Override
        public void onSaslInit(Sasl sasl, Transport transport) {
            sasl.done(Sasl.SaslOutcome.PN_SASL_OK);
        }

        @Override
        public void onSaslChallenge(Sasl sasl, Transport transport) {
        }

        @Override
        public void onSaslResponse(Sasl sasl, Transport transport) {
        }

        @Override
        public void onSaslOutcome(Sasl sasl, Transport transport) {
        }
    }
}
