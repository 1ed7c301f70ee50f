package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The ledger on disk: one JSON file in the data directory, replaced atomically on every change, so computes survive
 * a restart of the emulator on the same directory. It holds only what {@link ComputeLedger} holds, which never
 * includes a secret (definitions are stripped before they are built).
 */
final class LedgerFile {

    /** 2: computes keep their node fate and resizes their preparation end. */
    static final int FORMAT_VERSION = 2;
    static final String FILE_NAME = "arm-emulator-computes.json";

    /** The file's content. */
    record Snapshot(int version, List<StoredCompute> computes, List<AsyncOperation> operations) {
        Snapshot {
            computes = computes == null ? List.of() : List.copyOf(computes);
            operations = operations == null ? List.of() : List.copyOf(operations);
        }
    }

    private final Path file;

    LedgerFile(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the ARM emulator data directory " + dataDirectory, e);
        }
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    Snapshot load() {
        if (!Files.exists(file)) {
            return new Snapshot(FORMAT_VERSION, List.of(), List.of());
        }
        try {
            Snapshot snapshot = Json.MAPPER.readValue(file.toFile(), Snapshot.class);
            if (snapshot.version() != FORMAT_VERSION) {
                throw new IllegalStateException(file + " has format version " + snapshot.version()
                        + "; this emulator reads version " + FORMAT_VERSION + ". Delete the file to start afresh.");
            }
            return snapshot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ARM emulator state " + file, e);
        }
    }

    void save(Snapshot snapshot) {
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.write(temporary, serialize(snapshot));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ARM emulator state " + file, e);
        }
    }

    private static byte[] serialize(Snapshot snapshot) throws JsonProcessingException {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot);
    }
}
