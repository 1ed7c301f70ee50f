package io.amlcompute.provisioner.local.host;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusErrorContext;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Service Bus triggered functions, each fed by a {@link ServiceBusProcessorClient} in peek-lock mode with
 * auto-complete off, settled as the Functions host settles for Java functions (which cannot settle themselves):
 * a normal return completes the message, an exception abandons it, so Service Bus redelivers it and finally
 * dead-letters it after MaxDeliveryCount. Concurrency, prefetch, lock renewal and client retries follow host.json
 * {@code extensions.serviceBus}.
 */
final class ServiceBusTriggers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServiceBusTriggers.class.getName());

    private final List<ServiceBusProcessorClient> processors;

    private ServiceBusTriggers(List<ServiceBusProcessorClient> processors) {
        this.processors = processors;
    }

    /**
     * Starts one processor per Service Bus triggered function.
     *
     * @param appSettings where each trigger's {@code connection} setting holds a connection string
     */
    static ServiceBusTriggers start(List<FunctionDefinition> functions, FunctionInvoker invoker,
                                    Map<String, String> appSettings, HostJson.ServiceBusOptions options) {
        List<ServiceBusProcessorClient> processors = new ArrayList<>();
        try {
            for (FunctionDefinition function : functions) {
                if (function.trigger() instanceof TriggerBinding.ServiceBusQueue
                        || function.trigger() instanceof TriggerBinding.ServiceBusSubscription) {
                    ServiceBusProcessorClient processor = processor(function, invoker, appSettings, options);
                    processors.add(processor);
                    processor.start();
                }
            }
        } catch (RuntimeException e) {
            processors.forEach(ServiceBusProcessorClient::close);
            throw e;
        }
        return new ServiceBusTriggers(processors);
    }

    private static ServiceBusProcessorClient processor(FunctionDefinition function, FunctionInvoker invoker,
                                                       Map<String, String> appSettings,
                                                       HostJson.ServiceBusOptions options) {
        String connectionSetting = connectionOf(function.trigger());
        String connectionString = appSettings.get(connectionSetting);
        if (connectionString == null || connectionString.isBlank()) {
            // Identity-based connections (<connection>__fullyQualifiedNamespace) need Azure, not the local run.
            throw new IllegalStateException("function " + function.name() + ": app setting '" + connectionSetting
                    + "' must hold a Service Bus connection string for the local host");
        }
        ServiceBusClientBuilder.ServiceBusProcessorClientBuilder builder = new ServiceBusClientBuilder()
                .connectionString(connectionString)
                .retryOptions(options.clientRetryOptions().toAmqpRetryOptions())
                .processor()
                .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
                .disableAutoComplete()
                .maxConcurrentCalls(options.maxConcurrentCalls())
                .prefetchCount(options.prefetchCount())
                .maxAutoLockRenewDuration(options.maxAutoLockRenewalDuration())
                .processMessage(context -> deliver(function, invoker, context))
                .processError(ServiceBusTriggers::report);
        if (function.trigger() instanceof TriggerBinding.ServiceBusQueue queue) {
            builder.queueName(queue.queueName());
        } else if (function.trigger() instanceof TriggerBinding.ServiceBusSubscription subscription) {
            builder.topicName(subscription.topicName()).subscriptionName(subscription.subscriptionName());
        }
        return builder.buildProcessorClient();
    }

    private static String connectionOf(TriggerBinding trigger) {
        if (trigger instanceof TriggerBinding.ServiceBusQueue queue) {
            return queue.connection();
        }
        return ((TriggerBinding.ServiceBusSubscription) trigger).connection();
    }

    private static void deliver(FunctionDefinition function, FunctionInvoker invoker,
                                ServiceBusReceivedMessageContext context) {
        ServiceBusReceivedMessage message = context.getMessage();
        try {
            invoker.invoke(function, new MessageValues(message));
        } catch (RuntimeException e) {
            // The invoker has logged the failure; the message goes back to the queue for redelivery.
            context.abandon();
            return;
        }
        context.complete();
    }

    private static void report(ServiceBusErrorContext error) {
        LOG.log(Level.WARNING, "Service Bus trigger on {0} ({1}): {2}", new Object[]{error.getEntityPath(),
                error.getErrorSource(), error.getException().getMessage()});
    }

    /** Stops receiving; messages being processed finish first (the processor's close waits for them). */
    @Override
    public void close() {
        processors.forEach(ServiceBusProcessorClient::close);
    }

    /** A message's body and metadata under the names the Functions Service Bus extension binds. */
    private record MessageValues(ServiceBusReceivedMessage message) implements TriggerValues {
        @Override
        public Object payload(Type type) {
            Class<?> raw = BindingConversion.rawType(type);
            if (raw == byte[].class) {
                return message.getBody().toBytes();
            }
            return BindingConversion.convert(message.getBody().toString(), type);
        }

        @Override
        public Object metadata(String name, Type type) {
            Object value = switch (name) {
                case "MessageId" -> message.getMessageId();
                case "CorrelationId" -> message.getCorrelationId();
                case "ReplyTo" -> message.getReplyTo();
                case "ReplyToSessionId" -> message.getReplyToSessionId();
                // The Java client exposes the AMQP header (0 on the first delivery); the Functions host, like .NET,
                // counts deliveries from 1.
                case "DeliveryCount" -> message.getDeliveryCount() + 1;
                case "SessionId" -> message.getSessionId();
                case "Subject", "Label" -> message.getSubject();
                case "ContentType" -> message.getContentType();
                case "To" -> message.getTo();
                case "EnqueuedTimeUtc" -> message.getEnqueuedTime();
                case "ExpiresAtUtc" -> message.getExpiresAt();
                case "SequenceNumber" -> message.getSequenceNumber();
                case "LockToken" -> message.getLockToken();
                case "ApplicationProperties", "UserProperties" -> message.getApplicationProperties();
                default -> null;
            };
            return BindingConversion.convert(value, type);
        }
    }
}
