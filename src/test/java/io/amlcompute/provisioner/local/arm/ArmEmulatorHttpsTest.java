package io.amlcompute.provisioner.local.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over HTTPS (a self-signed certificate made here with the JDK's keytool), LRO URLs point back at https. */
class ArmEmulatorHttpsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path directory;

    private KeyStore selfSignedKeyStore() throws IOException, InterruptedException, GeneralSecurityException {
        Path keyStore = directory.resolve("emulator.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "arm-emulator", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    @Test
    void servesHttpsAndHandsOutHttpsOperationUrls() throws Exception {
        KeyStore store = selfSignedKeyStore();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);

        try (EmulatorSession session = EmulatorSession.start(b -> b.https(server),
                HttpClient.newBuilder().sslContext(client).build())) {
            assertThat(session.emulator.endpoint().getScheme()).isEqualTo("https");

            Reply put = session.client.put("cpu-cluster", ComputeBodies.amlCompute());

            assertThat(put.status()).isEqualTo(201);
            String operation = put.header("Azure-AsyncOperation").orElseThrow();
            assertThat(operation).startsWith("https://127.0.0.1:");
            assertThat(session.client.follow(operation).json().path("status").asText()).isEqualTo("InProgress");
        }
    }
}
