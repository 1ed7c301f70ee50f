package io.amlcompute.provisioner.local.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's atomicity: a turn is applied whole or not at all, and what committed is there after a reopen. */
class HubDatabaseTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dataDirectory;

    @Test
    void rollsBackEveryWriteOfATransactionThatFailsHalfway() throws Exception {
        try (HubDatabase database = HubDatabase.open(null, "Hub")) {
            InstanceStore instances = new InstanceStore(database);
            WorkQueue queue = new WorkQueue(database);

            assertThatIllegalStateException().isThrownBy(() -> database.inTransaction(c -> {
                instances.save(InstanceRecord.pending("i-1", "e-1", "Orchestration", null, "\"in\"", NOW, null));
                queue.enqueue("i-1", "e-1", HistoryEvents.eventRaised(NOW, "go", null), NOW, null);
                instances.appendHistory("i-1", List.of(HistoryEvents.orchestratorStarted(NOW)));
                throw new IllegalStateException("crash in the middle of a turn");
            }));

            assertThat(instances.find("i-1")).isEmpty();
            assertThat(instances.history("i-1")).isEmpty();
            assertThat(queue.visibleMessages("i-1", "e-1", NOW.plusSeconds(1))).isEmpty();
        }
    }

    @Test
    void keepsCommittedStateAcrossAReopenOfTheSameDirectory() throws Exception {
        try (HubDatabase database = HubDatabase.open(dataDirectory, "Hub")) {
            database.inTransaction(c -> {
                new InstanceStore(database).save(
                        InstanceRecord.pending("i-1", "e-1", "Orchestration", null, "\"in\"", NOW, null));
                new WorkQueue(database).enqueue("i-1", "e-1", HistoryEvents.eventRaised(NOW, "go", "1"), NOW, null);
                return null;
            });
        }

        try (HubDatabase reopened = HubDatabase.open(dataDirectory, "Hub")) {
            assertThat(new InstanceStore(reopened).find("i-1")).hasValueSatisfying(
                    record -> assertThat(record.input()).isEqualTo("\"in\""));
            assertThat(new WorkQueue(reopened).visibleMessages("i-1", "e-1", NOW.plusSeconds(1)))
                    .extracting(message -> message.event().getEventRaised().getName())
                    .containsExactly("go");
        }
    }
}
