package io.amlcompute.provisioner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.amlcompute.provisioner.local.host.HostJson;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAppFilesTest {

    @TempDir
    Path temp;

    @Test
    void readsTheValuesOfTheAppsLocalSettings() throws Exception {
        assertThat(LocalAppFiles.localSettings(Path.of("")))
                .containsEntry("COMPUTE_REQUESTS_QUEUE", "compute-requests")
                .containsEntry("LOCAL_SECRETS_FILE", "samples/local-secrets.json");
    }

    @Test
    void failsWithAHintWhenTheAppDirectoryHasNoLocalSettings() {
        assertThatThrownBy(() -> LocalAppFiles.localSettings(temp)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("local.settings.json");
    }

    @Test
    void takesTheFunctionsDefaultsWithoutHostJson() throws Exception {
        assertThat(LocalAppFiles.hostJson(temp)).isEqualTo(HostJson.defaults());
    }

    @Test
    void readsTheSampleDatabricksTokenFromTheLocalSecretStore() throws Exception {
        Path secrets = LocalAppFiles.resolve(Path.of("").toAbsolutePath(), "samples/local-secrets.json");

        assertThat(LocalAppFiles.localSecret(secrets, DemoAzure.DATABRICKS_TOKEN_SECRET)).hasValue("dapi-local-demo-token");
        assertThat(LocalAppFiles.localSecret(secrets, "no-such-secret")).isEmpty();
        assertThat(LocalAppFiles.localSecret(temp.resolve("missing.json"), "x")).isEmpty();
    }

    @Test
    void resolvesRelativeSettingPathsAgainstTheAppDirectory() {
        assertThat(LocalAppFiles.resolve(temp, "samples/../secrets.json")).isEqualTo(temp.resolve("secrets.json"));
        assertThat(LocalAppFiles.resolve(temp, "/etc/secrets.json")).isEqualTo(Path.of("/etc/secrets.json"));
    }
}
