package io.amlcompute.provisioner.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackDataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void createsADirectoryPerPart() throws Exception {
        StackDataDirectory data = StackDataDirectory.create(temp.resolve("data"));

        assertThat(data.durable()).isDirectory();
        assertThat(data.serviceBus()).isDirectory();
        assertThat(data.arm()).isDirectory();
    }

    @Test
    void keepsTheFirstFunctionKeyForLaterStartsReadableByTheOwnerOnly() throws Exception {
        AtomicInteger generated = new AtomicInteger();
        StackDataDirectory data = StackDataDirectory.create(temp.resolve("data"));

        String first = data.functionKey(() -> "key-" + generated.incrementAndGet());
        String second = StackDataDirectory.create(temp.resolve("data")).functionKey(() -> "key-" + generated.incrementAndGet());

        assertThat(first).isEqualTo("key-1");
        assertThat(second).isEqualTo("key-1");
        assertThat(Files.getPosixFilePermissions(temp.resolve("data").resolve("function-key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
