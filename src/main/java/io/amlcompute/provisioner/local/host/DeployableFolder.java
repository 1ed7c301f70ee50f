package io.amlcompute.provisioner.local.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A Java function app's deployable folder, what {@code mvn package} writes with azure-functions-maven-plugin for
 * {@code func azure functionapp publish}: {@code host.json}, {@code local.settings.json}, the app jar, {@code lib/},
 * and one folder per function with its {@code function.json} ({@code scriptFile}, {@code entryPoint}). The local
 * host runs it as {@code func start} would from that folder: the app settings are the environment's variables and
 * local.settings.json's {@code Values}, an environment variable that is set and not empty winning over a value
 * (Core Tools {@code StartHostAction.UpdateEnvironmentVariables}: "Skipping '…' from local settings as it's already
 * defined in current environment variables"; Azure/azure-functions-core-tools @
 * 3a101464e96805613ae971ac82ebc8845b4345b3), and the app is loaded from its own jars ({@link WorkerClassLoader}).
 *
 * @param functionsPackage the one package of every function's {@code entryPoint} (the local host reads a package)
 * @param jars             the {@code scriptFile} jar, then {@code lib/*.jar} in name order
 * @param functionNames    the folders holding a function.json
 */
public record DeployableFolder(Path directory, HostJson hostJson, Map<String, String> localSettings,
                               String functionsPackage, List<Path> jars, Set<String> functionNames) {

    public DeployableFolder {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(hostJson, "hostJson");
        localSettings = Map.copyOf(localSettings);
        Objects.requireNonNull(functionsPackage, "functionsPackage");
        jars = List.copyOf(jars);
        functionNames = Set.copyOf(functionNames);
    }

    /**
     * Reads a folder.
     *
     * @throws IOException           when a file cannot be read
     * @throws IllegalStateException when the folder is not a deployable Java function app (the reason is named)
     */
    public static DeployableFolder read(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("host.json"))) {
            throw new IllegalStateException(dir + " has no host.json: not a function app's deployable folder (run"
                    + " mvn package and give target/azure-functions/<app>)");
        }
        Set<String> packages = new TreeSet<>();
        Set<Path> scriptFiles = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path function : entries.filter(p -> Files.isRegularFile(p.resolve("function.json"))).toList()) {
                JsonNode json = Json.MAPPER.readTree(function.resolve("function.json").toFile());
                String entryPoint = json.path("entryPoint").asText("");
                String scriptFile = json.path("scriptFile").asText("");
                int method = entryPoint.lastIndexOf('.');
                int type = method < 0 ? -1 : entryPoint.lastIndexOf('.', method - 1);
                if (type < 0 || !scriptFile.endsWith(".jar")) {
                    throw new IllegalStateException(function.resolve("function.json") + ": not a Java function"
                            + " (entryPoint '" + entryPoint + "', scriptFile '" + scriptFile + "')");
                }
                packages.add(entryPoint.substring(0, type));
                scriptFiles.add(function.resolve(scriptFile).normalize());
                names.add(function.getFileName().toString());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException(dir + " has no function.json in any folder: no functions to run");
        }
        if (packages.size() != 1 || scriptFiles.size() != 1) {
            throw new IllegalStateException(dir + ": the local host runs one jar whose functions share one package;"
                    + " found packages " + packages + " in " + scriptFiles);
        }
        List<Path> jars = new ArrayList<>(scriptFiles);
        Path lib = dir.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> files = Files.list(lib)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            }
        }
        return new DeployableFolder(dir, HostJson.read(dir.resolve("host.json")), values(dir), packages.iterator().next(),
                jars, names);
    }

    private static Map<String, String> values(Path dir) throws IOException {
        Path file = dir.resolve("local.settings.json");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "func start needs local.settings.json too");
        }
        Map<String, String> values = new HashMap<>();
        Json.MAPPER.readTree(file.toFile()).path("Values").fields().forEachRemaining(field ->
                values.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText()));
        return values;
    }

    /**
     * The app settings {@code func start} would give the host: the environment (the host reads its configuration
     * from environment variables), and each local setting whose variable is not set or empty.
     */
    public Map<String, String> appSettings(Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>(environment);
        localSettings.forEach((key, value) -> {
            String fromEnvironment = environment.get(key);
            if (fromEnvironment == null || fromEnvironment.isEmpty()) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /**
     * Starts the local host on this app, without a Durable backend (an app with Durable bindings is refused), and
     * checks that it serves exactly the folder's functions.
     *
     * @param httpPort 0 picks a free one
     */
    public LocalFunctionsHost start(Map<String, String> environment, int httpPort) throws IOException {
        LocalFunctionsHost host = LocalFunctionsHost.start(new LocalFunctionsHostOptions(functionsPackage,
                appSettings(environment), hostJson, 0, httpPort, null, jars));
        if (!Set.copyOf(host.functionNames()).equals(functionNames)) {
            host.close();
            throw new IllegalStateException(directory + ": function.json names " + functionNames + " but the jar's"
                    + " package " + functionsPackage + " holds " + host.functionNames());
        }
        return host;
    }
}
