package io.amlcompute.provisioner.events;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;

/**
 * The one way this app builds Service Bus clients: identity-based in Azure (the same
 * {@code ServiceBusConnection__*} settings the Functions host uses for the trigger), a connection string only
 * for the local run and its emulator.
 */
public final class ServiceBusClients {

    private ServiceBusClients() {
    }

    public static ServiceBusClientBuilder builder(Settings settings) {
        var connectionString = settings.find(Setting.SERVICE_BUS_CONNECTION_STRING);
        if (connectionString.isPresent()) {
            return new ServiceBusClientBuilder().connectionString(connectionString.get());
        }
        String namespace = settings.find(Setting.SERVICE_BUS_NAMESPACE).orElseThrow(() ->
                new Settings.SettingsException(Setting.SERVICE_BUS_NAMESPACE,
                        "is required (or " + Setting.SERVICE_BUS_CONNECTION_STRING.key() + " for the local run)"));
        var credential = new DefaultAzureCredentialBuilder();
        settings.find(Setting.SERVICE_BUS_CLIENT_ID).or(() -> settings.find(Setting.AZURE_CLIENT_ID))
                .ifPresent(credential::managedIdentityClientId);
        return new ServiceBusClientBuilder().credential(namespace, credential.build());
    }
}
