package io.amlcompute.provisioner.local;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates the JDK HTTP servers of the local tools (the ARM emulator) with Nagle's algorithm off. The local Functions
 * host's HTTP triggers do not use it: the JDK server refuses request targets that Kestrel takes (see
 * {@code local.host.LoopbackHttpServer}).
 *
 * <p>Why: the JDK server writes a response's headers and its body in two separate writes. With Nagle on, the body
 * waits until the client acknowledges the headers, and a client that is waiting for the body delays that
 * acknowledgement (about 40 ms on Linux), so every response with a body took about 40 ms on loopback. The JDK
 * server exposes the socket option only as the system property {@value #NO_DELAY_PROPERTY}, read once, when the
 * first server of the JVM is created: it is set here unless someone set it already, and has no effect in a JVM
 * that created a JDK HTTP server before (responses are then as slow as before, never different).
 */
public final class LocalHttpServers {

    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private LocalHttpServers() {
    }

    /** An unstarted HTTP server bound to {@code address}. */
    public static HttpServer http(InetSocketAddress address) throws IOException {
        turnNagleOff();
        return HttpServer.create(address, 0);
    }

    /** An unstarted HTTPS server bound to {@code address}; the caller sets its configurator. */
    public static HttpsServer https(InetSocketAddress address) throws IOException {
        turnNagleOff();
        return HttpsServer.create(address, 0);
    }

    private static void turnNagleOff() {
        synchronized (LocalHttpServers.class) {
            if (System.getProperty(NO_DELAY_PROPERTY) == null) {
                System.setProperty(NO_DELAY_PROPERTY, "true");
            }
        }
    }
}
