package io.amlcompute.provisioner.local.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets go in with a PUT and never come out: not on GET or list, not in the request log, not on disk. */
class SecretFieldsTest {

    private static final String AML_PASSWORD = "aml-Passw0rd-secret";
    private static final String AML_SSH_KEY = "ssh-rsa AAAAB3-aml-key-secret";
    private static final String VM_PASSWORD = "vm-Passw0rd-secret";
    private static final String VM_PRIVATE_KEY = "-----BEGIN vm-private-key-secret";
    private static final String VM_PUBLIC_KEY = "ssh-rsa AAAAB3-vm-public-secret";
    private static final String RELAY = "Endpoint=sb://relay-connection-secret";
    private static final String SERVICE_BUS = "Endpoint=sb://servicebus-connection-secret";
    private static final List<String> SECRETS = List.of(AML_PASSWORD, AML_SSH_KEY, VM_PASSWORD, VM_PRIVATE_KEY,
            VM_PUBLIC_KEY, RELAY, SERVICE_BUS, EmulatorSession.DATABRICKS_TOKEN);

    @TempDir
    Path dataDirectory;

    private EmulatorSession session;

    @BeforeEach
    void createComputesWithSecrets() {
        session = EmulatorSession.start(b -> b.dataDirectory(dataDirectory));
        assertThat(session.client.put("cpu-cluster", ComputeBodies.amlComputeWith("""
                "vmSize": "STANDARD_DS3_V2", "scaleSettings": { "maxNodeCount": 2 },
                "userAccountCredentials": { "adminUserName": "azureuser",
                  "adminUserPassword": "%s", "adminUserSshPublicKey": "%s" }""".formatted(AML_PASSWORD, AML_SSH_KEY)))
                .status()).isEqualTo(201);
        assertThat(session.client.put("dsvm", ComputeBodies.attach("VirtualMachine", EmulatorSession.VM_ID, """
                "administratorAccount": { "username": "azureuser", "password": "%s",
                  "privateKeyData": "%s", "publicKeyData": "%s" }""".formatted(VM_PASSWORD, VM_PRIVATE_KEY,
                VM_PUBLIC_KEY))).status()).isEqualTo(201);
        assertThat(session.client.put("k8s", ComputeBodies.attach("Kubernetes", EmulatorSession.AKS_ID, """
                "relayConnectionString": "%s", "serviceBusConnectionString": "%s", "namespace": "ml"
                """.formatted(RELAY, SERVICE_BUS))).status()).isEqualTo(201);
        assertThat(session.client.put("dbx", ComputeBodies.databricks(EmulatorSession.DATABRICKS_ID,
                EmulatorSession.DATABRICKS_TOKEN)).status()).isEqualTo(201);
        session.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    @Test
    void getAndListNeverReturnSecrets() {
        String everything = Stream.of("cpu-cluster", "dsvm", "k8s", "dbx").map(session.client::get)
                .map(Reply::body).collect(Collectors.joining()) + session.client.list().body();

        assertThat(SECRETS).noneMatch(everything::contains);
        Reply cluster = session.client.get("cpu-cluster");
        assertThat(cluster.typeProperties().path("userAccountCredentials").path("adminUserName").asText())
                .isEqualTo("azureuser");
        assertThat(session.client.get("dsvm").typeProperties().path("administratorAccount").path("username").asText())
                .isEqualTo("azureuser");
        assertThat(session.client.get("k8s").typeProperties().path("namespace").asText()).isEqualTo("ml");
    }

    @Test
    void theRequestLogShowsSecretFieldsRedacted() {
        String logged = session.emulator.requests().stream().map(RecordedRequest::body)
                .collect(Collectors.joining("\n"));

        assertThat(SECRETS).noneMatch(logged::contains);
        assertThat(logged).contains("\"adminUserPassword\":\"[REDACTED]\"", "\"databricksAccessToken\":\"[REDACTED]\"",
                "\"relayConnectionString\":\"[REDACTED]\"", "\"adminUserName\":\"azureuser\"");
    }

    @Test
    void refusedBodiesAreRedactedInTheLogToo() {
        session.emulator.clearRequests();
        session.client.put("dbx-two", ComputeBodies.databricks(EmulatorSession.DATABRICKS_ID,
                "dapi-wrong-secret-token"));
        session.client.put("dbx-three", "{ \"properties\": { \"databricksAccessToken\": dapi-broken-json-secret ");

        assertThat(session.emulator.requests()).extracting(RecordedRequest::body)
                .noneMatch(body -> body.contains("dapi-wrong-secret-token") || body.contains("dapi-broken-json"))
                .anyMatch(body -> body.contains("not valid JSON: withheld"));
    }

    @Test
    void nothingOnDiskHoldsASecret() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDirectory)) {
            files = walk.filter(Files::isRegularFile).toList();
        }

        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String content = Files.readString(file);
            assertThat(SECRETS).noneMatch(content::contains);
        }
    }

    @Test
    void theLogRecordsWhetherAuthorizationWasSentButNeverItsValue() {
        session.client.send("GET", session.client.computesPath() + "?" + ComputeApiClient.API_VERSION, null,
                "Authorization", "Bearer token-value-secret");

        RecordedRequest last = session.emulator.requests().get(session.emulator.requests().size() - 1);
        assertThat(last.authorizationPresent()).isTrue();
        assertThat(last.toString()).doesNotContain("token-value-secret");
    }
}
