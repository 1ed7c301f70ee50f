package io.amlcompute.provisioner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * Where a local stack with a data directory keeps each part's state, so that all of it survives a restart on the
 * same directory: {@code durable/} (the task hub's SQLite), {@code servicebus/} (messages), {@code arm/} (the ARM
 * emulator's computes), {@code learned-durations.json} (what the app learned about provisioning times) and
 * {@code function-key} (the status API's key, kept so URLs stay valid).
 */
record StackDataDirectory(Path root) {

    static StackDataDirectory create(Path root) throws IOException {
        StackDataDirectory directory = new StackDataDirectory(root.toAbsolutePath().normalize());
        Files.createDirectories(directory.durable());
        Files.createDirectories(directory.serviceBus());
        Files.createDirectories(directory.arm());
        return directory;
    }

    Path durable() {
        return root.resolve("durable");
    }

    Path serviceBus() {
        return root.resolve("servicebus");
    }

    Path arm() {
        return root.resolve("arm");
    }

    /** The app's learned provisioning durations (setting LEARNED_DURATIONS_FILE). */
    Path learnedDurations() {
        return root.resolve("learned-durations.json");
    }

    /** The key kept here, or a new one from {@code generate}, written readable by the owner only. */
    String functionKey(Supplier<String> generate) throws IOException {
        Path file = root.resolve("function-key");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String key = generate.get();
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        Files.writeString(file, key, StandardCharsets.UTF_8);
        return key;
    }
}
