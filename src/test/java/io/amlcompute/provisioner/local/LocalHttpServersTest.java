package io.amlcompute.provisioner.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class LocalHttpServersTest {

    @Test
    void turnsNagleOffForTheJdkServerAndBindsWhereAsked() throws Exception {
        HttpServer server = LocalHttpServers.http(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try {
            assertThat(System.getProperty(LocalHttpServers.NO_DELAY_PROPERTY)).isEqualTo("true");
            assertThat(server.getAddress().getAddress().isLoopbackAddress()).isTrue();
            assertThat(server.getAddress().getPort()).isPositive();
        } finally {
            server.stop(0);
        }
    }
}
