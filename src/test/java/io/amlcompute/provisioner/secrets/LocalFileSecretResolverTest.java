package io.amlcompute.provisioner.secrets;

import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LocalFileSecretResolverTest {

    @TempDir
    Path directory;

    @Test
    void readsANamedSecretFromTheJsonFile() throws IOException {
        Path file = store("{\"aml-admin-password\": \"Pa55word!\", \"databricks-token\": \"dapi-123\"}");

        LocalFileSecretResolver resolver = new LocalFileSecretResolver(file);

        assertThat(resolver.resolve(new SecretRef("local:databricks-token"))).isEqualTo("dapi-123");
        assertThat(resolver.resolve(new SecretRef("local:aml-admin-password"))).isEqualTo("Pa55word!");
    }

    @Test
    void seesEditsWithoutARestart() throws IOException {
        Path file = store("{\"token\": \"old\"}");
        LocalFileSecretResolver resolver = new LocalFileSecretResolver(file);
        assertThat(resolver.resolve(new SecretRef("local:token"))).isEqualTo("old");

        Files.writeString(file, "{\"token\": \"new\"}");

        assertThat(resolver.resolve(new SecretRef("local:token"))).isEqualTo("new");
    }

    @Test
    void aMissingNameIsUnavailable() throws IOException {
        Path file = store("{\"other\": \"x\"}");

        ProvisioningException e = failure(file, "local:token");

        assertThat(e.kind()).isEqualTo(ErrorKind.SECRET_UNAVAILABLE);
        assertThat(e.code()).isEqualTo("SecretNotFound");
        assertThat(e.getMessage()).contains("local:token");
    }

    @Test
    void aMissingFileIsUnavailable() {
        ProvisioningException e = failure(directory.resolve("absent.json"), "local:token");

        assertThat(e.kind()).isEqualTo(ErrorKind.SECRET_UNAVAILABLE);
        assertThat(e.code()).isEqualTo("SecretStoreMissing");
    }

    @Test
    void aMalformedFileIsUnavailableWithoutQuotingItsContent() throws IOException {
        Path file = store("{\"token\": Pa55word-without-quotes}");

        ProvisioningException e = failure(file, "local:token");

        assertThat(e.kind()).isEqualTo(ErrorKind.SECRET_UNAVAILABLE);
        assertThat(e.code()).isEqualTo("SecretStoreMalformed");
        assertThat(e.getMessage()).doesNotContain("Pa55word");
    }

    @Test
    void aValueThatIsNotAStringIsUnavailable() throws IOException {
        Path file = store("{\"token\": {\"nested\": \"Pa55word\"}, \"empty\": \"\"}");

        assertThat(failure(file, "local:token").code()).isEqualTo("SecretNotText");
        assertThat(failure(file, "local:empty").code()).isEqualTo("SecretNotText");
        assertThat(failure(file, "local:token").getMessage()).doesNotContain("Pa55word");
    }

    @Test
    void aFileThatIsNotAnObjectIsUnavailable() throws IOException {
        assertThat(failure(store("[\"Pa55word\"]"), "local:token").code()).isEqualTo("SecretStoreMalformed");
    }

    @Test
    void refusesKeyVaultReferences() throws IOException {
        ProvisioningException e = failure(store("{}"), "https://kv-ml.vault.azure.net/secrets/token");

        assertThat(e.kind()).isEqualTo(ErrorKind.SECRET_UNAVAILABLE);
    }

    private Path store(String json) throws IOException {
        Path file = directory.resolve("secrets.json");
        Files.writeString(file, json);
        return file;
    }

    private static ProvisioningException failure(Path file, String ref) {
        return catchThrowableOfType(ProvisioningException.class,
                () -> new LocalFileSecretResolver(file).resolve(new SecretRef(ref)));
    }
}
