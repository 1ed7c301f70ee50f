package io.amlcompute.provisioner.cli;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.events.ServiceBusClients;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How a command reaches Service Bus, first match wins: {@code --connection-string}, {@code --namespace} (with
 * DefaultAzureCredential), the environment variable {@value #CONNECTION_STRING_VARIABLE}, then the app settings
 * ({@code ServiceBusConnection} or {@code ServiceBusConnection__fullyQualifiedNamespace}, from {@code --settings}
 * or the environment). Clients are built by {@link ServiceBusClients}, the project's one factory.
 */
final class ServiceBusOptions {

    static final String CONNECTION_STRING_VARIABLE = "SERVICEBUS_CONNECTION_STRING";
    private static final String DEFAULT_DOMAIN = ".servicebus.windows.net";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--namespace", paramLabel = "FQDN",
            description = "Service Bus namespace (e.g. my-ns.servicebus.windows.net), reached with DefaultAzureCredential.")
    String namespace;

    @Option(names = "--connection-string", paramLabel = "CS",
            description = "Service Bus connection string (prefer the environment variable " + CONNECTION_STRING_VARIABLE
                    + ": options show up in process lists). The local stack's connection string works as it is.")
    String connectionString;

    @Option(names = "--operation-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "30s", description = "How long one Service Bus operation (connect, send) may take,"
                    + " including one retry, before the command gives up with exit 4 (default ${DEFAULT-VALUE}).")
    Duration operationTimeout;

    /**
     * A client builder for these options; the settings decide only when no option or variable does. Every
     * client built from it shares one connection.
     */
    ServiceBusClientBuilder clientBuilder(Settings settings, CliEnvironment environment) {
        Map<String, String> connection = new HashMap<>();
        String fromVariable = environment.variable(CONNECTION_STRING_VARIABLE);
        if (connectionString != null && !connectionString.isBlank()) {
            connection.put(Setting.SERVICE_BUS_CONNECTION_STRING.key(), connectionString.trim());
        } else if (namespace != null && !namespace.isBlank()) {
            // Blank counts as unset in Settings: drop a connection string the settings may hold.
            connection.put(Setting.SERVICE_BUS_CONNECTION_STRING.key(), "");
            connection.put(Setting.SERVICE_BUS_NAMESPACE.key(), fullyQualified(namespace.trim()));
        } else if (fromVariable != null) {
            connection.put(Setting.SERVICE_BUS_CONNECTION_STRING.key(), fromVariable);
        }
        try {
            return ServiceBusClients.builder(settings.with(connection))
                    // A person is waiting: one retry within --operation-timeout, not the SDK's three of a minute each
                    // (an unreachable host costs the whole try timeout per attempt).
                    .retryOptions(new AmqpRetryOptions().setMaxRetries(1)
                            .setTryTimeout(operationTimeout.dividedBy(2))
                            .setDelay(Duration.ofMillis(100)));
        } catch (Settings.SettingsException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "No Service Bus connection: use"
                    + " --namespace, --connection-string, the environment variable " + CONNECTION_STRING_VARIABLE
                    + ", or --settings with " + Setting.SERVICE_BUS_CONNECTION_STRING.key() + ".");
        }
    }

    private static String fullyQualified(String namespace) {
        return namespace.contains(".") ? namespace : namespace + DEFAULT_DOMAIN;
    }
}
