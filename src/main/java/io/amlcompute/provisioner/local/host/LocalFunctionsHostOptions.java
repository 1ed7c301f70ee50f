package io.amlcompute.provisioner.local.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link LocalFunctionsHost}.
 *
 * @param functionsPackage the package whose {@code @FunctionName} methods make up the app
 * @param appSettings      the app settings (local.settings.json {@code Values}): {@code %Setting%} names in bindings
 *                         and Service Bus connection settings are read from here
 * @param hostJson         the app's host.json
 * @param durablePort      the port of the Durable backend on 127.0.0.1 (task hub {@link HostJson#taskHubName()});
 *                         0 when there is none, which only an app without Durable bindings accepts
 * @param httpPort         the port of the HTTP triggers on 127.0.0.1; 0 picks a free one
 * @param functionKey      the key HTTP functions with authLevel FUNCTION or ADMIN require; null generates one
 * @param appClassPath     the app's jars (its jar and lib/), loaded as the Java worker loads an app
 *                         ({@link WorkerClassLoader}); empty: the app is on this JVM's class path
 */
public record LocalFunctionsHostOptions(String functionsPackage, Map<String, String> appSettings, HostJson hostJson,
                                        int durablePort, int httpPort, String functionKey, List<Path> appClassPath) {

    /** The package of this project's function app. */
    public static final String APP_FUNCTIONS_PACKAGE = "io.amlcompute.provisioner.functions";

    public LocalFunctionsHostOptions {
        Objects.requireNonNull(functionsPackage, "functionsPackage");
        appSettings = Map.copyOf(Objects.requireNonNull(appSettings, "appSettings"));
        Objects.requireNonNull(hostJson, "hostJson");
        requirePort(durablePort, "durablePort");
        requirePort(httpPort, "httpPort");
        if (functionKey != null && functionKey.isBlank()) {
            throw new IllegalArgumentException("functionKey must not be blank (null generates one)");
        }
        appClassPath = List.copyOf(appClassPath);
    }

    /** This project's function app with these settings, host.json defaults, no Durable backend, ephemeral port. */
    public static LocalFunctionsHostOptions forApp(Map<String, String> appSettings) {
        return new LocalFunctionsHostOptions(APP_FUNCTIONS_PACKAGE, appSettings, HostJson.defaults(), 0, 0, null,
                List.of());
    }

    public LocalFunctionsHostOptions withFunctionsPackage(String packageName) {
        return new LocalFunctionsHostOptions(packageName, appSettings, hostJson, durablePort, httpPort, functionKey,
                appClassPath);
    }

    public LocalFunctionsHostOptions withHostJson(HostJson newHostJson) {
        return new LocalFunctionsHostOptions(functionsPackage, appSettings, newHostJson, durablePort, httpPort,
                functionKey, appClassPath);
    }

    public LocalFunctionsHostOptions withDurablePort(int port) {
        return new LocalFunctionsHostOptions(functionsPackage, appSettings, hostJson, port, httpPort, functionKey,
                appClassPath);
    }

    public LocalFunctionsHostOptions withHttpPort(int port) {
        return new LocalFunctionsHostOptions(functionsPackage, appSettings, hostJson, durablePort, port, functionKey,
                appClassPath);
    }

    public LocalFunctionsHostOptions withFunctionKey(String key) {
        return new LocalFunctionsHostOptions(functionsPackage, appSettings, hostJson, durablePort, httpPort, key,
                appClassPath);
    }

    /** The app's jars, loaded apart from this JVM's class path as the Java worker loads an app. */
    public LocalFunctionsHostOptions withAppClassPath(List<Path> jars) {
        return new LocalFunctionsHostOptions(functionsPackage, appSettings, hostJson, durablePort, httpPort,
                functionKey, jars);
    }

    /** Key never shown: it is a credential. */
    @Override
    public String toString() {
        return "LocalFunctionsHostOptions[functionsPackage=" + functionsPackage + ", appSettings=" + appSettings.size()
                + " values, hostJson=" + hostJson + ", durablePort=" + durablePort + ", httpPort=" + httpPort
                + ", functionKey=" + (functionKey == null ? "generated" : "***") + ", appClassPath=" + appClassPath + "]";
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0..65535, was " + port);
        }
    }
}
