package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployable folder read as {@code func start} reads it (DeployableFolder's javadoc has the source). */
class DeployableFolderTest {

    @TempDir
    Path folder;

    @Test
    void readsThePackageTheJarsAndTheFunctions() throws IOException {
        write("host.json", "{\"version\":\"2.0\"}");
        write("local.settings.json", "{\"Values\":{\"FUNCTIONS_WORKER_RUNTIME\":\"java\"}}");
        function("OnComputeReady", "../app-1.0.jar", "io.example.consumer.OnComputeReady.run");
        function("OnComputeFailed", "../app-1.0.jar", "io.example.consumer.OnComputeFailed.run");
        write("lib/gson-2.9.0.jar", "");
        write("lib/notes.txt", "");

        DeployableFolder app = DeployableFolder.read(folder);

        assertThat(app.functionsPackage()).isEqualTo("io.example.consumer");
        assertThat(app.functionNames()).containsExactlyInAnyOrder("OnComputeReady", "OnComputeFailed");
        assertThat(app.jars()).extracting(p -> folder.relativize(p).toString())
                .containsExactly("app-1.0.jar", "lib/gson-2.9.0.jar");
    }

    @Test
    void anEnvironmentVariableThatIsSetWinsOverTheLocalSettingAndAnEmptyOneDoesNot() throws IOException {
        write("host.json", "{}");
        write("local.settings.json", "{\"Values\":{\"ServiceBusConnection\":\"\",\"TOPIC\":\"compute-events\","
                + "\"SUBSCRIPTION\":\"all-events\"}}");
        function("OnComputeReady", "../app.jar", "io.example.OnComputeReady.run");

        Map<String, String> settings = DeployableFolder.read(folder).appSettings(Map.of(
                "ServiceBusConnection", "Endpoint=sb://127.0.0.1:5672", "TOPIC", "", "PATH", "/usr/bin"));

        assertThat(settings).containsEntry("ServiceBusConnection", "Endpoint=sb://127.0.0.1:5672")
                .containsEntry("TOPIC", "compute-events").containsEntry("SUBSCRIPTION", "all-events")
                .containsEntry("PATH", "/usr/bin");
    }

    @Test
    void refusesAFolderThatIsNotADeployableJavaApp() throws IOException {
        assertThatIllegalStateException().isThrownBy(() -> DeployableFolder.read(folder))
                .withMessageContaining("host.json");
        write("host.json", "{}");
        write("local.settings.json", "{\"Values\":{}}");
        assertThatIllegalStateException().isThrownBy(() -> DeployableFolder.read(folder))
                .withMessageContaining("no function.json");
        function("Script", "../index.js", "");
        assertThatIllegalStateException().isThrownBy(() -> DeployableFolder.read(folder))
                .withMessageContaining("not a Java function");
    }

    @Test
    void refusesFunctionsInSeveralPackages() throws IOException {
        write("host.json", "{}");
        write("local.settings.json", "{\"Values\":{}}");
        function("A", "../app.jar", "io.example.a.A.run");
        function("B", "../app.jar", "io.example.b.B.run");

        assertThatIllegalStateException().isThrownBy(() -> DeployableFolder.read(folder))
                .withMessageContaining("io.example.a").withMessageContaining("io.example.b");
    }

    private void function(String name, String scriptFile, String entryPoint) throws IOException {
        write(name + "/function.json", "{\"scriptFile\":\"" + scriptFile + "\",\"entryPoint\":\"" + entryPoint
                + "\",\"bindings\":[]}");
    }

    private void write(String path, String content) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
