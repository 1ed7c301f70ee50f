package io.amlcompute.provisioner.local.arm;

import static io.amlcompute.provisioner.local.arm.ComputeBodies.amlCompute;
import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 409s: a PUT never overwrites, and no write runs while another operation on the compute does. */
class ComputeCommandsConflictTest {

    private EmulatorSession session;

    @BeforeEach
    void start() {
        session = EmulatorSession.start();
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private static void assertAnotherOperationRunning(Reply reply) {
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("Conflict");
        assertThat(reply.json().path("error").path("message").asText())
                .contains("another operation on same entity is already running");
    }

    @Test
    void putOnAnExistingComputeIs409AlreadyExists() {
        session.client.put("cpu-cluster", amlCompute());
        session.advance(Duration.ofSeconds(10));

        Reply reply = session.client.put("cpu-cluster", amlCompute("STANDARD_DS3_V2", 0, 8));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("ComputeAlreadyExists");
        assertThat(reply.json().path("error").path("message").asText())
                .startsWith("Compute with this name already exists");
        assertThat(session.client.get("cpu-cluster").typeProperties().path("scaleSettings").path("maxNodeCount")
                .asInt()).isEqualTo(4);
    }

    @Test
    void namesCollideCaseInsensitively() {
        session.client.put("cpu-cluster", amlCompute());
        session.advance(Duration.ofSeconds(10));

        assertThat(session.client.put("CPU-Cluster", amlCompute()).errorCode()).isEqualTo("ComputeAlreadyExists");
    }

    @Test
    void everyWriteWhileCreatingIs409() {
        session.client.put("cpu-cluster", amlCompute());

        assertAnotherOperationRunning(session.client.put("cpu-cluster", amlCompute()));
        assertAnotherOperationRunning(session.client.patch("cpu-cluster", ComputeBodies.scaleTo(0, 2)));
        assertAnotherOperationRunning(session.client.delete("cpu-cluster", "Delete"));
    }

    @Test
    void writesWhileUpdatingOrDeletingAre409() {
        session.client.put("cpu-cluster", amlCompute());
        session.advance(Duration.ofSeconds(10));
        session.client.patch("cpu-cluster", ComputeBodies.scaleTo(0, 2));

        assertAnotherOperationRunning(session.client.patch("cpu-cluster", ComputeBodies.scaleTo(0, 3)));

        session.advance(Duration.ofSeconds(5));
        assertThat(session.client.delete("cpu-cluster", "Delete").status()).isEqualTo(202);
        assertAnotherOperationRunning(session.client.delete("cpu-cluster", "Delete"));
        assertAnotherOperationRunning(session.client.put("cpu-cluster", amlCompute()));
    }

    @Test
    void aWriteIsAcceptedAgainOnceTheOperationHasFinished() {
        session.client.put("cpu-cluster", amlCompute());
        session.advance(Duration.ofSeconds(10));

        assertThat(session.client.patch("cpu-cluster", ComputeBodies.scaleTo(0, 2)).status()).isEqualTo(200);
    }

    @Test
    void patchWhileNodesResizeIsAccepted() {
        session.client.put("cpu-cluster", amlCompute("STANDARD_DS3_V2", 2, 4));
        session.advance(Duration.ofSeconds(10));
        assertThat(session.client.get("cpu-cluster").typeProperties().path("allocationState").asText())
                .isEqualTo("Resizing");

        assertThat(session.client.patch("cpu-cluster", ComputeBodies.scaleTo(0, 4)).status()).isEqualTo(200);
    }
}
