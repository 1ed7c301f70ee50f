package io.amlcompute.provisioner.local.servicebus;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;

import java.time.Duration;

/**
 * Official-client builders pointed at an emulator, with retry options that make failures surface in seconds
 * rather than minutes. Auto lock renewal is the client's business, not the broker's: tests turn it off so that
 * only the ManualClock moves locks.
 */
final class EmulatorClients {

    static final Duration TRY_TIMEOUT = Duration.ofSeconds(5);

    private EmulatorClients() {
    }

    static ServiceBusClientBuilder builder(ServiceBusEmulator emulator) {
        return builder(emulator.connectionString());
    }

    static ServiceBusClientBuilder builder(String connectionString) {
        return new ServiceBusClientBuilder()
                .connectionString(connectionString)
                .retryOptions(new AmqpRetryOptions()
                        .setTryTimeout(TRY_TIMEOUT)
                        .setMaxRetries(1)
                        .setDelay(Duration.ofMillis(100))
                        .setMaxDelay(Duration.ofMillis(500)));
    }
}
